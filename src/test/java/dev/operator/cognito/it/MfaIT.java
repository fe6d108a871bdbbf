package dev.operator.cognito.it;

import static dev.operator.cognito.support.CognitoProxy.GET_USER;
import static dev.operator.cognito.support.CognitoProxy.SET_MFA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.MfaSetting;
import dev.operator.cognito.api.MfaSpec;
import dev.operator.cognito.api.MfaStatus;
import dev.operator.cognito.api.SoftwareTokenMfaSetting;
import dev.operator.cognito.support.CognitoStandIn;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import dev.operator.cognito.support.TestPasswords;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * spec.mfa against cognito-local, whose lack of AdminSetUserMFAPreference the proxy's stand-in
 * makes up for (it keeps the preferences and puts them into cognito-local's AdminGetUser answers):
 * written once when Cognito differs and never when it matches, status.mfa as Cognito holds it, TOTP
 * turned off, and two preferred kinds refused by the API server.
 */
@OperatorTest
class MfaIT {

  private static final String SMS = "SMS_MFA";
  private static final String EMAIL = "EMAIL_OTP";
  private static final String TOTP = "SOFTWARE_TOKEN_MFA";

  private static OperatorHarness harness;
  private static Pool pool;

  @BeforeAll
  static void start() {
    pool = harness.cognito().createPool(OperatorHarness.uniqueName("mfa"));
  }

  @Test
  void preferencesAreWrittenOnceShownInTheStatusAndNotWrittenWhileCognitoMatches() {
    String ns = harness.newNamespace("mfa");
    String username = OperatorHarness.uniqueName("ines");
    String password = TestPasswords.next();
    harness.cognito().createUser(pool, username);
    harness.putSecret(ns, "ines-password", Map.of("password", password));

    harness.createUser(
        ns,
        "ines",
        pool.id(),
        username,
        "ines-password",
        null,
        true,
        spec -> spec.setMfa(mfa(MfaSetting.Preferred, MfaSetting.Enabled)));

    awaitMfa(ns, "ines", new MfaStatus(List.of(EMAIL, SMS), SMS));
    harness.awaitReason(ns, "ines", "PasswordSet");
    assertThat(harness.cognito().signIn(pool, username, password)).isEqualTo(SignIn.ACCEPTED);
    assertThat(harness.proxy().calls(SET_MFA, pool.id(), username)).isEqualTo(1);
    assertThat(harness.proxy().standIn().mfa(pool.id(), username))
        .isEqualTo(new CognitoStandIn.Mfa(Set.of(SMS, EMAIL), Optional.of(SMS)));
    assertThat(harness.events(ns, "ines"))
        .extracting(Event::getType, Event::getReason)
        .contains(Tuple.tuple("Normal", "MfaPreferenceSet"));

    // a pass that reads the user afresh finds Cognito as the spec says, and writes nothing
    int reads = harness.proxy().calls(GET_USER, pool.id(), username);
    String requested = harness.requestPass(ns, "ines");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                requested.equals(harness.user(ns, "ines").getStatus().getLastHandledReconcileAt()));
    assertThat(harness.proxy().calls(GET_USER, pool.id(), username)).isGreaterThan(reads);
    assertThat(harness.proxy().calls(SET_MFA, pool.id(), username)).isEqualTo(1);
    assertThat(harness.user(ns, "ines").getStatus().getMfa())
        .isEqualTo(new MfaStatus(List.of(EMAIL, SMS), SMS));

    // the preference moves: one more write
    harness.editUser(
        ns, "ines", u -> u.getSpec().setMfa(mfa(MfaSetting.Enabled, MfaSetting.Preferred)));
    awaitMfa(ns, "ines", new MfaStatus(List.of(EMAIL, SMS), EMAIL));
    assertThat(harness.proxy().calls(SET_MFA, pool.id(), username)).isEqualTo(2);
  }

  @Test
  void softwareTokenDisabledTurnsOffTheAuthenticatorTheUserEnrolled() {
    String ns = harness.newNamespace("totp");
    var user = harness.manage(ns, "jon", pool, true);
    // the user enrolled an authenticator and prefers it, which only the user can do
    harness.proxy().standIn().holdMfa(pool.id(), user.username(), Set.of(TOTP), TOTP);
    harness.requestPass(ns, "jon");
    awaitMfa(ns, "jon", new MfaStatus(List.of(TOTP), TOTP));
    assertThat(harness.proxy().calls(SET_MFA, pool.id(), user.username())).isZero();

    harness.editUser(
        ns,
        "jon",
        u -> {
          MfaSpec off = new MfaSpec();
          off.setSoftwareToken(SoftwareTokenMfaSetting.Disabled);
          u.getSpec().setMfa(off);
        });

    awaitMfa(ns, "jon", null);
    assertThat(harness.proxy().calls(SET_MFA, pool.id(), user.username())).isEqualTo(1);
    assertThat(harness.proxy().standIn().mfa(pool.id(), user.username()))
        .isEqualTo(new CognitoStandIn.Mfa(Set.of(), Optional.empty()));
    harness.awaitReason(ns, "jon", "PasswordSet");
  }

  @Test
  void twoPreferredKindsAreRefusedByTheApiServer() {
    String ns = harness.newNamespace("mfa-refused");
    harness.putSecret(ns, "kai-password", Map.of("password", TestPasswords.next()));

    KubernetesClientException refused =
        catchThrowableOfType(
            KubernetesClientException.class,
            () ->
                harness.createUser(
                    ns,
                    "kai",
                    pool.id(),
                    OperatorHarness.uniqueName("kai"),
                    "kai-password",
                    null,
                    true,
                    spec -> spec.setMfa(mfa(MfaSetting.Preferred, MfaSetting.Preferred))));

    assertThat(refused).as("the API server refused the CognitoUser").isNotNull();
    assertThat(refused.getCode()).isEqualTo(422);
    assertThat(refused.getStatus().getMessage()).contains(MfaSpec.ONE_PREFERRED_MESSAGE);
    assertThat(harness.user(ns, "kai")).isNull();

    // nor may an edit make a second kind preferred
    harness.createUser(
        ns,
        "kai",
        pool.id(),
        OperatorHarness.uniqueName("kai"),
        "kai-password",
        null,
        true,
        spec -> spec.setMfa(mfa(MfaSetting.Preferred, MfaSetting.Enabled)));
    KubernetesClientException edit =
        catchThrowableOfType(
            KubernetesClientException.class,
            () ->
                harness.editUser(
                    ns, "kai", u -> u.getSpec().getMfa().setEmail(MfaSetting.Preferred)));
    assertThat(edit).as("the API server refused the edit").isNotNull();
    assertThat(edit.getCode()).isEqualTo(422);
    assertThat(harness.user(ns, "kai").getSpec().getMfa().getEmail()).isEqualTo(MfaSetting.Enabled);
  }

  private static MfaSpec mfa(MfaSetting sms, MfaSetting email) {
    MfaSpec mfa = new MfaSpec();
    mfa.setSms(sms);
    mfa.setEmail(email);
    return mfa;
  }

  private static void awaitMfa(String namespace, String name, MfaStatus expected) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              CognitoUser user = harness.user(namespace, name);
              assertThat(user.getStatus()).isNotNull();
              assertThat(user.getStatus().getMfa()).isEqualTo(expected);
            });
  }
}
