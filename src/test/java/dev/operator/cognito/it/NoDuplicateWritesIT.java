package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestPasswords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Each real change is written once: a few hundred CognitoUsers created at once, then all their
 * Secrets rotated, and the AdminSetUserPassword calls counted per user. A pass that starts right
 * after a status patch must not miss the record of the write that patch carried.
 */
@OperatorTest(settings = {"COGNITO_WRITES_PER_SECOND=200", "COGNITO_READS_PER_SECOND=400"})
class NoDuplicateWritesIT {

  private static final int USERS = 200;
  private static OperatorHarness harness;

  @Test
  void everyUserIsWrittenOncePerRealChange() {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("once"));
    String ns = harness.newNamespace("once");
    List<OperatorHarness.ManagedUser> users = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      users.add(harness.manage(ns, "u" + i, pool, true));
      if (i % 20 == 0) {
        // events for every CognitoUser of the namespace while passes are in flight
        relabel(ns, "wave", String.valueOf(i));
      }
    }
    awaitAllApplied(ns, Map.of());
    assertThat(writesPerUser(pool, users)).as("writes per user after creation").containsOnlyKeys(1);

    Map<String, String> before = fingerprints(ns);
    for (int i = 0; i < USERS; i++) {
      harness.setSecretKey(ns, "u" + i + "-password", "password", TestPasswords.next());
      if (i % 20 == 0) {
        relabel(ns, "wave", "rotation-" + i);
      }
    }
    awaitAllApplied(ns, before);

    Map<Integer, Integer> histogram = writesPerUser(pool, users);
    System.out.printf("NoDuplicateWritesIT: %d users, writes per user %s%n", USERS, histogram);
    assertThat(histogram).as("writes per user after one rotation each").containsOnlyKeys(2);
  }

  private static void relabel(String ns, String key, String value) {
    harness
        .kubernetes()
        .namespaces()
        .withName(ns)
        .edit(
            n -> {
              var labels = new java.util.HashMap<String, String>();
              if (n.getMetadata().getLabels() != null) {
                labels.putAll(n.getMetadata().getLabels());
              }
              labels.put(key, value);
              n.getMetadata().setLabels(labels);
              return n;
            });
  }

  /** Waits until every CognitoUser's recorded fingerprint differs from {@code before}. */
  private static void awaitAllApplied(String ns, Map<String, String> before) {
    Awaitility.await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              Map<String, String> now = fingerprints(ns);
              return now.size() == USERS
                  && now.entrySet().stream()
                      .allMatch(
                          e ->
                              e.getValue() != null && !e.getValue().equals(before.get(e.getKey())));
            });
  }

  private static Map<String, String> fingerprints(String ns) {
    Map<String, String> result = new TreeMap<>();
    for (CognitoUser u :
        harness.kubernetes().resources(CognitoUser.class).inNamespace(ns).list().getItems()) {
      String fingerprint =
          u.getStatus() == null || u.getStatus().getAppliedPassword() == null
              ? null
              : u.getStatus().getAppliedPassword().getFingerprint();
      result.put(u.getMetadata().getName(), fingerprint);
    }
    return result;
  }

  /** How many users were written how many times. */
  private static Map<Integer, Integer> writesPerUser(
      Pool pool, List<OperatorHarness.ManagedUser> users) {
    Map<Integer, Integer> histogram = new TreeMap<>();
    for (var user : users) {
      int writes = harness.proxy().calls("AdminSetUserPassword", pool.id(), user.username());
      histogram.merge(writes, 1, Integer::sum);
    }
    return histogram;
  }
}
