package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import dev.operator.cognito.support.TestPasswords;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The record in status.appliedPassword can be lost: a CognitoUser deleted and applied again, as a
 * GitOps tool may do. A user who has since chosen their own password is not sent back to
 * FORCE_CHANGE_PASSWORD by a temporary password nobody changed.
 */
@OperatorTest
class LostRecordIT {

  private static OperatorHarness harness;

  @Test
  void aReappliedCognitoUserDoesNotResetAUserWhoChoseTheirOwnPassword() {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("lost"));
    String ns = harness.newNamespace("lost");
    var user = harness.manage(ns, "tara", pool, false);
    harness.awaitReason(ns, "tara", "TemporaryPasswordSet");
    String ownPassword = TestPasswords.next();
    harness.cognito().userChoosesOwnPassword(pool, user.username(), ownPassword);

    CognitoUser before = harness.user(ns, "tara");
    harness.kubernetes().resource(before).delete();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> harness.user(ns, "tara") == null);
    harness.createUser(ns, "tara", pool.id(), user.username(), "tara-password", null, false);

    CognitoUser reapplied = harness.awaitReason(ns, "tara", "TemporaryPasswordNotReissued");
    assertThat(reapplied.getStatus().getAppliedPassword().getFound()).isTrue();
    assertThat(harness.proxy().calls("AdminSetUserPassword", pool.id(), user.username()))
        .isEqualTo(1);
    assertThat(harness.cognito().userStatus(pool, user.username())).isEqualTo("CONFIRMED");
    assertThat(harness.cognito().signIn(pool, user.username(), ownPassword))
        .isEqualTo(SignIn.ACCEPTED);

    // once the Secret's password really changes, it is written
    String next = TestPasswords.next();
    harness.setSecretKey(ns, "tara-password", "password", next);
    harness.awaitReason(ns, "tara", "TemporaryPasswordSet");
    assertThat(harness.proxy().calls("AdminSetUserPassword", pool.id(), user.username()))
        .isEqualTo(2);
    assertThat(harness.cognito().userStatus(pool, user.username()))
        .isEqualTo("FORCE_CHANGE_PASSWORD");
  }
}
