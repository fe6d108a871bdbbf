package dev.operator.cognito.it;

import static dev.operator.cognito.support.CognitoProxy.GET_USER;
import static dev.operator.cognito.support.CognitoProxy.SET_PASSWORD;
import static dev.operator.cognito.support.CognitoProxy.SIGN_OUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operator.cognito.api.AppliedPassword;
import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import dev.operator.cognito.support.TestPasswords;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * spec.signOutOnPasswordChange against cognito-local, whose lack of AdminUserGlobalSignOut the
 * proxy's stand-in makes up for (it answers and counts the calls): one sign-out after each password
 * the operator sets, none on a resync or a reconcile request or for a password set before the flag,
 * and a failed one retried without setting the password again. Sign-ins prove the passwords.
 */
@OperatorTest
class SignOutOnPasswordChangeIT {

  private static OperatorHarness harness;
  private static Pool pool;

  @BeforeAll
  static void start() {
    pool = harness.cognito().createPool(OperatorHarness.uniqueName("sign-out"));
  }

  @Test
  void eachSecretChangeSignsTheUserOutOnceAndNothingElseDoes() {
    String ns = harness.newNamespace("sign-out");
    String username = OperatorHarness.uniqueName("frida");
    String first = TestPasswords.next();
    harness.cognito().createUser(pool, username);
    harness.putSecret(ns, "frida-password", Map.of("password", first));

    harness.createUser(
        ns,
        "frida",
        pool.id(),
        username,
        "frida-password",
        null,
        true,
        spec -> spec.setSignOutOnPasswordChange(true));

    awaitSignOuts(username, 1);
    CognitoUser ready = harness.awaitReason(ns, "frida", "PasswordSet");
    assertThat(harness.cognito().signIn(pool, username, first)).isEqualTo(SignIn.ACCEPTED);
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), username)).isEqualTo(1);
    assertThat(harness.proxy().writes(pool.id(), username))
        .as("the sign-out follows the password it is for")
        .containsExactly(SET_PASSWORD, SIGN_OUT);
    AppliedPassword record = ready.getStatus().getAppliedPassword();
    assertThat(record.getSignOutPending()).isNull();
    assertThat(record.getSignedOutAt()).isNotBlank();
    assertThat(harness.events(ns, "frida"))
        .extracting(Event::getType, Event::getReason)
        .contains(Tuple.tuple("Normal", "PasswordSet"), Tuple.tuple("Normal", "UserSignedOut"));

    // two rotations: one sign-out each, each after its password
    for (int change = 2; change <= 3; change++) {
      String next = TestPasswords.next();
      harness.setSecretKey(ns, "frida-password", "password", next);
      awaitSignOuts(username, change);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(harness.cognito().signIn(pool, username, next))
                      .isEqualTo(SignIn.ACCEPTED));
    }
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), username)).isEqualTo(3);

    // a reconcile request reads the user afresh and signs nobody out
    int reads = harness.proxy().calls(GET_USER, pool.id(), username);
    String requested = harness.requestPass(ns, "frida");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                requested.equals(
                    harness.user(ns, "frida").getStatus().getLastHandledReconcileAt()));
    assertThat(harness.proxy().calls(GET_USER, pool.id(), username)).isGreaterThan(reads);

    // nor does a restart, which reads every user once
    int readsBeforeRestart = harness.proxy().calls(GET_USER, pool.id(), username);
    harness.restartOperator();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> harness.proxy().calls(GET_USER, pool.id(), username) > readsBeforeRestart);
    harness.awaitReason(ns, "frida", "PasswordSet");

    assertThat(harness.proxy().calls(SIGN_OUT, pool.id(), username)).isEqualTo(3);
    assertThat(harness.proxy().standIn().signOuts(pool.id(), username)).isEqualTo(3);
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), username)).isEqualTo(3);
  }

  @Test
  void turningTheFlagOnForAnUnchangedPasswordSignsNobodyOut() {
    String ns = harness.newNamespace("flag-later");
    var user = harness.manage(ns, "gus", pool, true);
    harness.awaitReason(ns, "gus", "PasswordSet");

    harness.editUser(ns, "gus", u -> u.getSpec().setSignOutOnPasswordChange(true));

    CognitoUser settled = harness.awaitSettled(ns, "gus");
    assertThat(settled.getStatus().condition("Ready").orElseThrow().getReason())
        .isEqualTo("PasswordSet");
    assertThat(harness.proxy().calls(SIGN_OUT, pool.id(), user.username())).isZero();
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), user.username())).isEqualTo(1);

    // the next password the operator sets is followed by a sign-out
    String next = TestPasswords.next();
    harness.setSecretKey(ns, "gus-password", "password", next);
    awaitSignOuts(user.username(), 1);
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), user.username())).isEqualTo(2);
  }

  @Test
  void aFailingSignOutIsRetriedWithoutSettingThePasswordAgainUntilItSucceeds() {
    String ns = harness.newNamespace("sign-out-fails");
    String username = OperatorHarness.uniqueName("hana");
    String password = TestPasswords.next();
    harness.cognito().createUser(pool, username);
    harness.putSecret(ns, "hana-password", Map.of("password", password));
    var failing =
        harness
            .proxy()
            .failEvery(SIGN_OUT, username, 500, "InternalErrorException", "Internal error");

    harness.createUser(
        ns,
        "hana",
        pool.id(),
        username,
        "hana-password",
        null,
        true,
        spec -> spec.setSignOutOnPasswordChange(true));

    CognitoUser failed = harness.awaitReason(ns, "hana", "CognitoUnavailable");
    assertThat(failed.getStatus().condition("Ready").orElseThrow().getMessage())
        .contains("signing the user out");
    assertThat(failed.getStatus().getAppliedPassword().getSignOutPending()).isTrue();
    assertThat(harness.cognito().signIn(pool, username, password))
        .as("the password itself is set")
        .isEqualTo(SignIn.ACCEPTED);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> harness.proxy().calls(SIGN_OUT, pool.id(), username) >= 3);
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), username))
        .as("retries of the sign-out do not set the password again")
        .isEqualTo(1);
    assertThat(harness.events(ns, "hana"))
        .extracting(Event::getType, Event::getReason)
        .contains(Tuple.tuple("Warning", "CognitoUnavailable"));

    harness.proxy().remove(failing);

    awaitSignOuts(username, 1);
    CognitoUser ready = harness.awaitReason(ns, "hana", "PasswordSet");
    assertThat(ready.getStatus().getAppliedPassword().getSignOutPending()).isNull();
    assertThat(ready.getStatus().getAppliedPassword().getSignedOutAt()).isNotBlank();
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), username)).isEqualTo(1);
    int calls = harness.proxy().calls(SIGN_OUT, pool.id(), username);
    String requested = harness.requestPass(ns, "hana");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                requested.equals(harness.user(ns, "hana").getStatus().getLastHandledReconcileAt()));
    assertThat(harness.proxy().calls(SIGN_OUT, pool.id(), username))
        .as("and no more once it succeeded")
        .isEqualTo(calls);
    assertThat(harness.proxy().standIn().signOuts(pool.id(), username)).isEqualTo(1);
  }

  private static void awaitSignOuts(String username, int count) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(Optional.of(harness.proxy().standIn().signOuts(pool.id(), username)))
                    .as("sign-outs of %s the stand-in answered", username)
                    .contains(count));
  }
}
