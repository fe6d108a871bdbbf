package dev.operator.cognito.sync;

import static dev.operator.cognito.support.InMemoryCognito.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.Condition;
import dev.operator.cognito.api.MfaSetting;
import dev.operator.cognito.api.MfaSpec;
import dev.operator.cognito.api.MfaStatus;
import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.api.SoftwareTokenMfaSetting;
import dev.operator.cognito.aws.CognitoFault;
import dev.operator.cognito.aws.FailureKind;
import dev.operator.cognito.support.InMemoryCognito;
import dev.operator.cognito.support.MutableClock;
import dev.operator.cognito.sync.pass.SyncResult;
import dev.operator.cognito.sync.pass.UserEvent;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * spec.mfa: AdminSetUserMFAPreference only for the kinds that differ from what Cognito holds, a
 * kind left out left alone, and status.mfa as Cognito holds it.
 */
class MfaTest {

  private static final String POOL = "us-west-2_POOL";
  private static final String SET_MFA = "AdminSetUserMFAPreference";

  private final InMemoryCognito cognito = new InMemoryCognito();
  private final InMemoryCognito.User ana = cognito.addUser(POOL, "ana");
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
  private final UserSync sync = TestSyncs.sync(cognito, clock);

  @Test
  void theKindsAskedForAreWrittenOnceAndShownInTheStatus() {
    CognitoUser user =
        user(
            mfa -> {
              mfa.setSms(MfaSetting.Preferred);
              mfa.setEmail(MfaSetting.Enabled);
            });

    SyncResult result = pass(user);
    user.setStatus(result.status());

    assertThat(cognito.writeCalls()).containsExactly("AdminSetUserPassword", SET_MFA);
    assertThat(ana.mfa).containsExactlyInAnyOrder("SMS_MFA", "EMAIL_OTP");
    assertThat(ana.preferredMfa).isEqualTo("SMS_MFA");
    assertThat(result.status().getMfa())
        .isEqualTo(new MfaStatus(List.of("EMAIL_OTP", "SMS_MFA"), "SMS_MFA"));
    assertThat(result.events())
        .extracting(UserEvent::reason, UserEvent::message)
        .contains(
            org.assertj.core.groups.Tuple.tuple(
                "MfaPreferenceSet",
                "MFA of user 'ana' in pool us-west-2_POOL (us-west-2): sms Preferred, email Enabled"));

    clock.advance(TestSyncs.REFRESH); // a pass that reads the user again
    SyncResult again = pass(user);

    assertThat(cognito.reads).isEqualTo(2);
    assertThat(cognito.writeCalls()).containsOnlyOnce(SET_MFA);
    assertThat(again.status().getMfa()).isEqualTo(result.status().getMfa());
  }

  @Test
  void onlyTheKindsThatDifferAreWrittenAndOnesLeftOutAreLeftAlone() {
    ana.mfa.add("SOFTWARE_TOKEN_MFA");
    ana.mfa.add("SMS_MFA");
    ana.preferredMfa = "SOFTWARE_TOKEN_MFA"; // the user enrolled an authenticator
    CognitoUser user = user(mfa -> mfa.setSms(MfaSetting.Enabled));

    SyncResult result = pass(user);

    assertThat(cognito.writeCalls()).doesNotContain(SET_MFA);
    assertThat(result.status().getMfa())
        .isEqualTo(new MfaStatus(List.of("SMS_MFA", "SOFTWARE_TOKEN_MFA"), "SOFTWARE_TOKEN_MFA"));
  }

  @Test
  void aKindMadePreferredTakesThePreferenceFromTheOneLeftOut() {
    ana.mfa.add("SOFTWARE_TOKEN_MFA");
    ana.preferredMfa = "SOFTWARE_TOKEN_MFA";
    CognitoUser user = user(mfa -> mfa.setEmail(MfaSetting.Preferred));

    SyncResult result = pass(user);

    assertThat(ana.preferredMfa).isEqualTo("EMAIL_OTP");
    assertThat(result.status().getMfa())
        .isEqualTo(new MfaStatus(List.of("EMAIL_OTP", "SOFTWARE_TOKEN_MFA"), "EMAIL_OTP"));
  }

  @Test
  void enabledTakesAwayThePreferenceForThatKind() {
    ana.mfa.add("SMS_MFA");
    ana.preferredMfa = "SMS_MFA";
    CognitoUser user = user(mfa -> mfa.setSms(MfaSetting.Enabled));

    SyncResult result = pass(user);

    assertThat(ana.preferredMfa).isNull();
    assertThat(result.status().getMfa()).isEqualTo(new MfaStatus(List.of("SMS_MFA"), null));
  }

  @Test
  void softwareTokenDisabledTurnsOffAnAuthenticatorTheUserEnrolled() {
    ana.mfa.add("SOFTWARE_TOKEN_MFA");
    ana.preferredMfa = "SOFTWARE_TOKEN_MFA";
    CognitoUser user = user(mfa -> mfa.setSoftwareToken(SoftwareTokenMfaSetting.Disabled));

    SyncResult result = pass(user);

    assertThat(cognito.writeCalls()).containsOnlyOnce(SET_MFA);
    assertThat(ana.mfa).isEmpty();
    assertThat(ana.preferredMfa).isNull();
    assertThat(result.status().getMfa()).isNull();
    assertThat(ready(result).getReason()).isEqualTo("PasswordSet");
  }

  @Test
  void withoutSpecMfaNothingIsWrittenButTheStatusSaysWhatCognitoHolds() {
    ana.mfa.add("SMS_MFA");
    CognitoUser user = user(null);

    SyncResult result = pass(user);

    assertThat(cognito.writeCalls()).doesNotContain(SET_MFA);
    assertThat(result.status().getMfa()).isEqualTo(new MfaStatus(List.of("SMS_MFA"), null));
  }

  @Test
  void aRotationThatReadsNothingKeepsTheMfaTheStatusShowed() {
    CognitoUser user = user(mfa -> mfa.setSms(MfaSetting.Preferred));
    user.setStatus(pass(user).status());
    cognito.calls.clear();

    SyncResult rotated = sync.sync(user, secret("N3w-Passw0rd!"));

    assertThat(cognito.calls).containsExactly("AdminSetUserPassword");
    assertThat(rotated.status().getMfa()).isEqualTo(new MfaStatus(List.of("SMS_MFA"), "SMS_MFA"));
  }

  @Test
  void aRefusedPreferenceIsReportedOnTheMfaFacetAndTheOthersStillGoOn() {
    cognito.failNext(SET_MFA, failure(CognitoFault.INVALID_PARAMETER, FailureKind.NEEDS_CHANGE));
    CognitoUser user = user(mfa -> mfa.setEmail(MfaSetting.Enabled));
    user.getSpec().setEnabled(false);

    SyncResult result = pass(user);

    assertThat(ready(result).getStatus()).isEqualTo("False");
    assertThat(ready(result).getReason()).isEqualTo("InvalidRequest");
    assertThat(ana.enabled).isFalse();
    assertThat(ana.password).isEqualTo("Passw0rd!");
    assertThat(result.status().getMfa()).isNull();
  }

  private SyncResult pass(CognitoUser user) {
    return sync.sync(user, secret("Passw0rd!"));
  }

  private static CognitoUser user(Consumer<MfaSpec> mfa) {
    CognitoUserSpec spec = new CognitoUserSpec();
    spec.setUserPoolId(POOL);
    spec.setUsername("ana");
    spec.setPasswordSecretRef(new PasswordSecretRef("ana-password", null));
    if (mfa != null) {
      MfaSpec wanted = new MfaSpec();
      mfa.accept(wanted);
      spec.setMfa(wanted);
    }
    return TestSyncs.ana(spec);
  }

  private static Optional<Secret> secret(String password) {
    return TestSyncs.anasSecret(password);
  }

  private static Condition ready(SyncResult result) {
    return result.status().condition("Ready").orElseThrow();
  }
}
