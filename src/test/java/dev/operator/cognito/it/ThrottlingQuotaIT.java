package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.support.CognitoProxy;
import dev.operator.cognito.support.Convergence;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.TestCognito.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The storm as it was found from outside: the operator allowed 10 writes a second where Cognito's
 * quota was 5, so about half of the writes were throttled. The shared rate comes down, every user
 * is served in turn, and few calls are wasted on throttling. A queue served at an even rate would
 * give the last user 20/11 of the median's time; measured 1.9 to 2.1, because users deferred while
 * the rate was low keep the return times they were given then after it has risen again. The bound
 * here is what is shown today, not the goal of 2.
 */
class ThrottlingQuotaIT {

  private static final int USERS = 20;
  private static final int QUOTA = 5;
  private static OperatorHarness harness;

  @BeforeAll
  static void start() {
    harness =
        OperatorHarness.start(
            Map.of(
                "COGNITO_WRITES_PER_SECOND", Integer.toString(2 * QUOTA),
                "RETRY_INITIAL_INTERVAL", "1s",
                "RETRY_MAX_INTERVAL", "5m"));
  }

  @AfterAll
  static void stop() {
    OperatorHarness.checkForLeaksAndClose(harness);
  }

  @Test
  void aQuotaBelowTheLimitBringsTheRateDownToItAndServesUsersInTurn() {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("quota"));
    String ns = harness.newNamespace("quota");
    var quota = harness.proxy().quota(CognitoProxy.SET_PASSWORD, QUOTA);
    List<OperatorHarness.ManagedUser> users = new ArrayList<>();
    Instant start = Instant.now();
    for (int i = 0; i < USERS; i++) {
      users.add(harness.manage(ns, "q" + i, pool, true));
    }

    List<Duration> times =
        Convergence.untilPasswordSet(harness, ns, USERS, start, Duration.ofMinutes(3));
    harness.proxy().remove(quota);

    Duration median = times.get(USERS / 2);
    Duration last = times.get(USERS - 1);
    int calls =
        users.stream()
            .mapToInt(
                u -> harness.proxy().calls(CognitoProxy.SET_PASSWORD, pool.id(), u.username()))
            .sum();
    System.out.printf(
        "ThrottlingQuotaIT: %d users, quota %d/s, median %d ms, last %d ms,"
            + " %d AdminSetUserPassword calls%n",
        USERS, QUOTA, median.toMillis(), last.toMillis(), calls);
    assertThat(last)
        .as("the last user, against the median (an even queue gives 20/11)")
        .isLessThanOrEqualTo(median.multipliedBy(5).dividedBy(2));
    assertThat(calls)
        .as("calls for %d users, the operator's limit twice Cognito's quota", USERS)
        .isLessThanOrEqualTo(USERS * 3 / 2);
  }
}
