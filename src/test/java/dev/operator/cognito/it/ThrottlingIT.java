package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.operator.cognito.support.CognitoProxy;
import dev.operator.cognito.support.Convergence;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.TestCognito.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Throttling is shared, not personal: under a throttling storm no user is left far behind the
 * others and the number of calls stays bounded. The users all arrive at once, so the rate limit
 * alone serves them in turn and the last comes at 20/11 of the median (that much is the queue, not
 * throttling); what throttling must not add is a tail, as a user's own doubling backoff did (once
 * 29 of 30 users in a minute, the last after four). Each storm gets an operator of its own, since
 * the rate it learns is shared.
 */
class ThrottlingIT {

  private static final int USERS = 20;
  private static final int LIMIT = 10;

  private record Storm(Duration median, Duration last, int calls) {}

  /**
   * Every other call throttled however slowly the operator calls: no rate is slow enough, so the
   * shared rate keeps coming down (to a tenth of the limit or so) and the later users are served
   * more slowly than the first. Each user is served in its turn, with exactly two calls each as
   * measured, but the turns themselves slow down: the last at 2.6 to 2.7 times the median.
   */
  @Test
  void everyOtherWriteThrottled() {
    Storm storm = storm("storm", proxy -> proxy.throttleEveryOther(CognitoProxy.SET_PASSWORD));

    assertThat(storm.last())
        .as("the last user, against the median (an even queue gives 20/11)")
        .isLessThanOrEqualTo(storm.median().multipliedBy(7).dividedBy(2));
    assertThat(storm.calls())
        .as("calls for %d users with every other call throttled", USERS)
        .isLessThanOrEqualTo(USERS * 5 / 2);
  }

  /**
   * The storm as it was found from outside, and as Cognito makes it: a quota of 5 writes a second
   * against the operator's limit of 10, so about half of the writes were throttled at first. The
   * issue's goal: the last user within twice the median (measured 1.5 to 1.7, and about 1.3 calls
   * per user). Deferred users are woken as slots free up and a throttled user keeps its place at
   * the front of the line, so the queue stays even while the rate finds the quota.
   */
  @Test
  void cognitosQuotaAtHalfTheLimit() {
    Storm storm =
        storm("quota", proxy -> List.of(proxy.quota(CognitoProxy.SET_PASSWORD, LIMIT / 2)));

    assertThat(storm.last())
        .as("the last user, against the median (an even queue gives 20/11)")
        .isLessThanOrEqualTo(storm.median().multipliedBy(2));
    assertThat(storm.calls())
        .as("calls for %d users, the operator's limit twice Cognito's quota", USERS)
        .isLessThanOrEqualTo(USERS * 3 / 2);
  }

  private static Storm storm(String name, Function<CognitoProxy, List<StubMapping>> throttling) {
    // the retry cap of a real install: a user whose own backoff doubled would wait minutes
    OperatorHarness harness =
        OperatorHarness.start(
            Map.of(
                "COGNITO_WRITES_PER_SECOND", Integer.toString(LIMIT),
                "RETRY_INITIAL_INTERVAL", "1s",
                "RETRY_MAX_INTERVAL", "5m"));
    try {
      Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName(name));
      String ns = harness.newNamespace(name);
      List<StubMapping> stubs = throttling.apply(harness.proxy());
      List<OperatorHarness.ManagedUser> users = new ArrayList<>();
      Instant start = Instant.now();
      for (int i = 0; i < USERS; i++) {
        users.add(harness.manage(ns, name + i, pool, true));
      }
      List<Duration> times =
          Convergence.untilPasswordSet(harness, ns, USERS, start, Duration.ofMinutes(3));
      stubs.forEach(harness.proxy()::remove);
      int calls =
          users.stream()
              .mapToInt(
                  u -> harness.proxy().calls(CognitoProxy.SET_PASSWORD, pool.id(), u.username()))
              .sum();
      Storm storm = new Storm(times.get(USERS / 2), times.get(USERS - 1), calls);
      System.out.printf(
          "ThrottlingIT %s: %d users, median %d ms, last %d ms, %d AdminSetUserPassword calls%n",
          name, USERS, storm.median().toMillis(), storm.last().toMillis(), calls);
      return storm;
    } finally {
      OperatorHarness.checkForLeaksAndClose(harness);
    }
  }
}
