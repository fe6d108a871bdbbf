package dev.operator.cognito.it;

import static dev.operator.cognito.support.CognitoProxy.SET_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.Condition;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import dev.operator.cognito.support.TestPasswords;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One owner per Cognito user: a second CognitoUser, in any namespace, that names a user the first
 * already manages is refused and writes nothing, learns nothing of another namespace, and takes
 * over once the owner is gone.
 */
// no periodic recheck within the test: a take-over must come from the owner's deletion
@OperatorTest(settings = {"RECHECK_INTERVAL=10m"})
class OwnershipIT {

  private static OperatorHarness harness;
  private static Pool pool;

  @BeforeAll
  static void start() {
    pool = harness.cognito().createPool(OperatorHarness.uniqueName("owners"));
  }

  @Test
  void aSecondCognitoUserForTheSameUserIsRefusedUntilTheOwnerGoes() {
    String ownerNs = harness.newNamespace("owner");
    String intruderNs = harness.newNamespace("intruder");
    var owned = harness.manage(ownerNs, "olive", pool, true);
    harness.awaitReason(ownerNs, "olive", "PasswordSet");

    String intruderPassword = TestPasswords.next();
    harness.putSecret(intruderNs, "takeover", Map.of("password", intruderPassword));
    harness.createUser(intruderNs, "takeover", pool.id(), owned.username(), "takeover");
    harness.putSecret(ownerNs, "twin", Map.of("password", TestPasswords.next()));
    harness.createUser(ownerNs, "twin", pool.id(), owned.username(), "twin");

    CognitoUser refused = harness.awaitReason(intruderNs, "takeover", "Conflict");
    assertThat(ready(refused).getMessage())
        .contains("another namespace")
        .doesNotContain(ownerNs)
        .doesNotContain("CognitoUser olive");
    assertThat(refused.getStatus().condition("Stalled").map(Condition::getStatus)).contains("True");
    assertThat(ready(harness.awaitReason(ownerNs, "twin", "Conflict")).getMessage())
        .as("within one namespace the owner is named")
        .contains("CognitoUser olive in this namespace");
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), owned.username())).isEqualTo(1);
    assertThat(harness.cognito().signIn(pool, owned.username(), owned.password()))
        .isEqualTo(SignIn.ACCEPTED);

    // the owner goes: the next oldest (takeover, created before twin) takes over
    harness
        .kubernetes()
        .resources(CognitoUser.class)
        .inNamespace(ownerNs)
        .withName("olive")
        .delete();

    harness.awaitReason(intruderNs, "takeover", "PasswordSet");
    assertThat(harness.cognito().signIn(pool, owned.username(), intruderPassword))
        .isEqualTo(SignIn.ACCEPTED);
    harness.awaitReason(ownerNs, "twin", "Conflict");
  }

  private static Condition ready(CognitoUser user) {
    return user.getStatus().condition("Ready").orElseThrow();
  }
}
