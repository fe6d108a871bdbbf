package dev.operator.cognito.support;

import dev.operator.cognito.api.CognitoUser;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/** How long each CognitoUser of a namespace took to have its password set. */
public final class Convergence {

  private Convergence() {}

  /**
   * Waits until {@code count} CognitoUsers in {@code namespace} show Ready with PasswordSet; the
   * time from {@code start} at which each was first seen so, in ascending order.
   */
  public static List<Duration> untilPasswordSet(
      OperatorHarness harness, String namespace, int count, Instant start, Duration atMost) {
    Map<String, Duration> converged = new HashMap<>();
    Awaitility.await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              for (CognitoUser u :
                  harness
                      .kubernetes()
                      .resources(CognitoUser.class)
                      .inNamespace(namespace)
                      .list()
                      .getItems()) {
                boolean set =
                    u.getStatus() != null
                        && u.getStatus().getConditions().stream()
                            .anyMatch(
                                c ->
                                    c.getType().equals("Ready")
                                        && c.getReason().equals("PasswordSet"));
                if (set) {
                  converged.putIfAbsent(
                      u.getMetadata().getName(), Duration.between(start, Instant.now()));
                }
              }
              return converged.size() == count;
            });
    return converged.values().stream().sorted().toList();
  }
}
