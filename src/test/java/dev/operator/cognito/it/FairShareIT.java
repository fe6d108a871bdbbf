package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.Condition;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import org.junit.jupiter.api.Test;

/**
 * One namespace must not starve the others: with a backlog of writes in one namespace, a user in
 * another gets one of the next rate-limit slots, not the one after the backlog. Asserted as an
 * order of events, not as a time.
 */
// 5 writes/s: the backlog takes about 8 s to pass the rate limit
@OperatorTest(settings = {"COGNITO_WRITES_PER_SECOND=5"})
class FairShareIT {

  private static final int BACKLOG = 40;
  private static OperatorHarness harness;

  @Test
  void aNamespaceWithoutABacklogIsServedBeforeAnotherNamespacesBacklogHasPassed() {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("fair"));
    String busy = harness.newNamespace("busy");
    String quiet = harness.newNamespace("quiet");
    for (int i = 0; i < BACKLOG; i++) {
      harness.manage(busy, "bulk-" + i, pool, true);
    }

    harness.manage(quiet, "single", pool, true);

    harness.awaitReason(quiet, "single", "PasswordSet");
    long busyStillWaiting =
        harness
            .kubernetes()
            .resources(CognitoUser.class)
            .inNamespace(busy)
            .list()
            .getItems()
            .stream()
            .filter(u -> !isPasswordSet(u))
            .count();
    assertThat(busyStillWaiting)
        .as("users of the busy namespace still waiting when the quiet one was served")
        .isGreaterThanOrEqualTo(BACKLOG / 4);
    for (int i = 0; i < BACKLOG; i++) {
      harness.awaitReason(busy, "bulk-" + i, "PasswordSet");
    }
  }

  private static boolean isPasswordSet(CognitoUser user) {
    return user.getStatus() != null
        && user.getStatus()
            .condition("Ready")
            .map(Condition::getReason)
            .filter("PasswordSet"::equals)
            .isPresent();
  }
}
