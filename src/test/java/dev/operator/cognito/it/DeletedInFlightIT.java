package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A CognitoUser or its Secret deleted while the pass that writes its password is in flight (the
 * write held for 1.5 s): the write that was made is not repeated, the status says what is true, and
 * the operator goes on with the others.
 */
@OperatorTest
class DeletedInFlightIT {

  private static OperatorHarness harness;

  @Test
  void theSecretDeletedDuringTheWrite() {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("inflight"));
    String ns = harness.newNamespace("inflight");
    String username = OperatorHarness.uniqueName("xena");
    var slow = harness.proxy().delayEvery("AdminSetUserPassword", username, 1500);
    harness.cognito().createUser(pool, username);
    String password = dev.operator.cognito.support.TestPasswords.next();
    harness.putSecret(ns, "xena-password", Map.of("password", password));
    harness.createUser(ns, "xena", pool.id(), username, "xena-password");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> harness.proxy().calls("AdminSetUserPassword", pool.id(), username) == 1);

    harness.kubernetes().secrets().inNamespace(ns).withName("xena-password").delete();

    harness.awaitReason(ns, "xena", "SecretNotFound");
    harness.proxy().remove(slow);
    assertThat(harness.cognito().signIn(pool, username, password))
        .as("the write that was made stands")
        .isEqualTo(SignIn.ACCEPTED);
    assertThat(harness.proxy().calls("AdminSetUserPassword", pool.id(), username)).isEqualTo(1);
    assertThat(harness.user(ns, "xena").getStatus().getAppliedPassword())
        .as("the record of the write is kept")
        .isNotNull();
  }

  @Test
  void theCognitoUserDeletedDuringTheWrite() {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("inflight"));
    String ns = harness.newNamespace("inflight");
    String username = OperatorHarness.uniqueName("yuri");
    var slow = harness.proxy().delayEvery("AdminSetUserPassword", username, 1500);
    harness.cognito().createUser(pool, username);
    harness.putSecret(
        ns, "yuri-password", Map.of("password", dev.operator.cognito.support.TestPasswords.next()));
    harness.createUser(ns, "yuri", pool.id(), username, "yuri-password");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> harness.proxy().calls("AdminSetUserPassword", pool.id(), username) == 1);

    harness.kubernetes().resources(CognitoUser.class).inNamespace(ns).withName("yuri").delete();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> harness.user(ns, "yuri") == null);
    harness.proxy().remove(slow);

    // the operator goes on: another user in the same namespace converges
    var next = harness.manage(ns, "zoe", pool, true);
    harness.awaitReason(ns, "zoe", "PasswordSet");
    assertThat(harness.cognito().signIn(pool, next.username(), next.password()))
        .isEqualTo(SignIn.ACCEPTED);
    assertThat(harness.proxy().calls("AdminSetUserPassword", pool.id(), username))
        .as("the deleted CognitoUser's write is not repeated")
        .isEqualTo(1);
    assertThat(OperatorHarness.get(harness.httpPort(), "/healthz")).isEqualTo("ok\n");
  }
}
