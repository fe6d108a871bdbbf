package dev.operator.cognito.sync;

import static dev.operator.cognito.support.InMemoryCognito.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.AppliedPassword;
import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.Condition;
import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.aws.CognitoFault;
import dev.operator.cognito.aws.DeferredCall;
import dev.operator.cognito.aws.FailureKind;
import dev.operator.cognito.support.InMemoryCognito;
import dev.operator.cognito.support.MutableClock;
import dev.operator.cognito.sync.pass.SyncResult;
import dev.operator.cognito.sync.pass.UserEvent;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * spec.signOutOnPasswordChange: AdminUserGlobalSignOut once after each password the operator sets,
 * never on a pass that sets none, and retried without setting the password again.
 */
class SignOutTest {

  private static final String POOL = "us-west-2_POOL";
  private static final String SIGN_OUT = "AdminUserGlobalSignOut";
  private static final String SET_PASSWORD = "AdminSetUserPassword";

  private final InMemoryCognito cognito = new InMemoryCognito();
  private final InMemoryCognito.User ana = cognito.addUser(POOL, "ana");
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
  private UserSync sync = TestSyncs.sync(cognito, clock);

  @Test
  void aPasswordSetWithTheFlagOnIsFollowedByOneSignOut() {
    CognitoUser user = user(true);

    SyncResult result = pass(user, "Passw0rd!");

    assertThat(cognito.writeCalls()).containsExactly(SET_PASSWORD, SIGN_OUT);
    assertThat(ana.signOuts).isEqualTo(1);
    assertThat(ready(result).getReason()).isEqualTo("PasswordSet");
    AppliedPassword record = result.status().getAppliedPassword();
    assertThat(record.getSignOutPending()).isNull();
    assertThat(record.getSignOutSeal()).isNull();
    assertThat(record.getSignedOutAt()).isEqualTo("2026-11-26T10:00:00Z");
    assertThat(result.events())
        .extracting(UserEvent::type, UserEvent::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(UserEvent.Type.Normal, "PasswordSet"),
            org.assertj.core.groups.Tuple.tuple(UserEvent.Type.Normal, "UserSignedOut"));
    assertThat(result.events().get(1).message())
        .contains("refresh tokens")
        .contains("access and ID tokens already issued stay valid");
  }

  @Test
  void withoutTheFlagNobodyIsSignedOut() {
    CognitoUser user = user(false);

    user.setStatus(pass(user, "Passw0rd!").status());
    pass(user, "N3w-Passw0rd!");

    assertThat(cognito.calls).doesNotContain(SIGN_OUT);
    assertThat(user.getStatus().getAppliedPassword().getSignedOutAt()).isNull();
  }

  @Test
  void eachRotationSignsOutOnceAndCostsNoRead() {
    CognitoUser user = user(true);
    user.setStatus(pass(user, "Passw0rd!").status());
    cognito.calls.clear();

    user.setStatus(pass(user, "N3w-Passw0rd!").status());

    assertThat(cognito.calls).containsExactly(SET_PASSWORD, SIGN_OUT);
    assertThat(ana.signOuts).isEqualTo(2);
    assertThat(ready(user).getReason()).isEqualTo("PasswordSet");
  }

  @Test
  void aResyncARefreshAndAReconcileRequestSignNobodyOut() {
    CognitoUser user = user(true);
    user.setStatus(pass(user, "Passw0rd!").status());

    user.setStatus(pass(user, "Passw0rd!").status()); // a resync
    clock.advance(TestSyncs.REFRESH); // the periodic read
    user.setStatus(pass(user, "Passw0rd!").status());
    user.getMetadata()
        .setAnnotations(Map.of(UserSync.RECONCILE_REQUESTED_AT, "2026-11-26T12:00:00Z"));
    user.setStatus(pass(user, "Passw0rd!").status());

    assertThat(cognito.reads).isEqualTo(3);
    assertThat(cognito.writeCalls()).containsExactly(SET_PASSWORD, SIGN_OUT);
    assertThat(user.getStatus().getLastHandledReconcileAt()).isEqualTo("2026-11-26T12:00:00Z");
  }

  @Test
  void turningTheFlagOnLaterSignsNobodyOutForThePasswordSetBefore() {
    CognitoUser user = user(false);
    user.setStatus(pass(user, "Passw0rd!").status());

    user.getSpec().setSignOutOnPasswordChange(true);
    user.getMetadata().setGeneration(2L);
    user.setStatus(pass(user, "Passw0rd!").status());

    assertThat(cognito.calls).doesNotContain(SIGN_OUT);
    assertThat(ready(user).getObservedGeneration()).isEqualTo(2L);

    pass(user, "N3w-Passw0rd!");
    assertThat(ana.signOuts).as("the next password the operator sets").isEqualTo(1);
  }

  @Test
  void aPasswordFoundInPlaceSignsNobodyOut() {
    ana.status = "CONFIRMED"; // the user chose their own password after a temporary one
    CognitoUser user = user(true);
    user.getSpec().setPermanent(false);

    SyncResult result = pass(user, "Temp0rary!");

    assertThat(ready(result).getReason()).isEqualTo("TemporaryPasswordNotReissued");
    assertThat(result.status().getAppliedPassword().getFound()).isTrue();
    assertThat(cognito.writeCalls()).isEmpty();
  }

  @Test
  void aUserTheOperatorCreatedHasNoSessionToEnd() {
    CognitoUser user = user(true);
    user.getSpec().setUsername("new-user");

    SyncResult result = pass(user, "Passw0rd!");

    assertThat(cognito.writeCalls()).containsExactly("AdminCreateUser", SET_PASSWORD);
    assertThat(result.status().getAppliedPassword().getSignOutPending()).isNull();
  }

  @Test
  void aFailedSignOutIsRetriedWithoutSettingThePasswordAgain() {
    CognitoUser user = user(true);
    cognito.failNext(SIGN_OUT, failure(CognitoFault.UNAVAILABLE, FailureKind.TRANSIENT));

    SyncResult failed = pass(user, "Passw0rd!");
    user.setStatus(failed.status());

    assertThat(ready(failed).getStatus()).isEqualTo("False");
    assertThat(ready(failed).getReason()).isEqualTo("CognitoUnavailable");
    assertThat(ready(failed).getMessage())
        .contains("the password is set, but signing the user out after it failed");
    assertThat(failed.status().getAppliedPassword().getSignOutPending()).isTrue();
    assertThat(failed.events())
        .extracting(UserEvent::type, UserEvent::reason)
        .contains(
            org.assertj.core.groups.Tuple.tuple(UserEvent.Type.Normal, "PasswordSet"),
            org.assertj.core.groups.Tuple.tuple(UserEvent.Type.Warning, "CognitoUnavailable"));
    assertThat(failed.retryAfter()).isPresent();

    SyncResult retried = pass(user, "Passw0rd!");
    user.setStatus(retried.status());

    assertThat(cognito.writeCalls()).containsExactly(SET_PASSWORD, SIGN_OUT, SIGN_OUT);
    assertThat(ana.signOuts).isEqualTo(1);
    assertThat(ready(retried).getReason()).isEqualTo("PasswordSet");
    assertThat(retried.events()).extracting(UserEvent::reason).containsExactly("UserSignedOut");
    assertThat(retried.status().getAppliedPassword().getSignOutPending()).isNull();

    pass(user, "Passw0rd!");
    assertThat(ana.signOuts).as("and not again").isEqualTo(1);
  }

  @Test
  void aSignOutDeferredByTheRateLimitIsMadeOnTheNextPass() {
    CognitoUser user = user(true);
    user.setStatus(pass(user, "Passw0rd!").status());
    cognito.failNext(SIGN_OUT, new DeferredCall(Duration.ofSeconds(3)));

    SyncResult deferred = pass(user, "N3w-Passw0rd!");
    user.setStatus(deferred.status());

    assertThat(ready(deferred).getReason()).as("Ready as it was").isEqualTo("PasswordSet");
    assertThat(deferred.status().getAppliedPassword().getSignOutPending()).isTrue();
    assertThat(deferred.retryAfter()).contains(Duration.ofSeconds(3));

    pass(user, "N3w-Passw0rd!");

    assertThat(ana.signOuts).isEqualTo(2);
    assertThat(cognito.writes).as("the new password was set once").hasSize(2);
  }

  @Test
  void aPassHandedAStatusFromBeforeTheSignOutDoesNotSignOutTwice() {
    CognitoUser user = user(true);
    cognito.failNext(SIGN_OUT, failure(CognitoFault.UNAVAILABLE, FailureKind.TRANSIENT));
    CognitoUserStatus pending = pass(user, "Passw0rd!").status();
    user.setStatus(pending);
    pass(user, "Passw0rd!"); // signed out; its status patch is lost

    user.setStatus(pending);
    SyncResult stale = pass(user, "Passw0rd!");

    assertThat(ana.signOuts).isEqualTo(1);
    assertThat(stale.status().getAppliedPassword().getSignedOutAt()).isNotNull();
  }

  @Test
  void aSignOutOwedByAWriteWhoseStatusWasLostIsStillMade() {
    CognitoUser user = user(true);
    cognito.failNext(SIGN_OUT, failure(CognitoFault.UNAVAILABLE, FailureKind.TRANSIENT));
    pass(user, "Passw0rd!"); // its status patch is lost: the next pass is handed none

    SyncResult next = pass(user, "Passw0rd!");

    assertThat(cognito.writes).hasSize(1);
    assertThat(ana.signOuts).isEqualTo(1);
    assertThat(ready(next).getReason()).isEqualTo("PasswordSet");
  }

  @Test
  void aPendingSignOutTheKeyDoesNotVouchForIsDroppedNotMade() {
    CognitoUser user = user(true);
    user.setStatus(pass(user, "Passw0rd!").status());
    // someone with rights on cognitousers/status asks for another sign-out
    AppliedPassword forged = user.getStatus().getAppliedPassword().withSignOutPending("v1:x:y");
    CognitoUserStatus status = user.getStatus().copy();
    status.setAppliedPassword(forged);
    user.setStatus(status);

    restart();
    SyncResult result = pass(user, "Passw0rd!");

    assertThat(ana.signOuts).isEqualTo(1);
    assertThat(result.status().getAppliedPassword().getSignOutPending()).isNull();
  }

  @Test
  void aPendingSignOutIsDroppedWhenTheFlagIsTurnedOff() {
    CognitoUser user = user(true);
    cognito.failNext(SIGN_OUT, failure(CognitoFault.UNAVAILABLE, FailureKind.TRANSIENT));
    user.setStatus(pass(user, "Passw0rd!").status());

    user.getSpec().setSignOutOnPasswordChange(false);
    user.getMetadata().setGeneration(2L);
    SyncResult result = pass(user, "Passw0rd!");

    assertThat(ana.signOuts).isZero();
    assertThat(ready(result).getReason()).isEqualTo("PasswordSet");
    assertThat(result.status().getAppliedPassword().getSignOutPending()).isNull();
  }

  /** Another process from now on, as after a restart: the same key, none of this one's memory. */
  private void restart() {
    sync = TestSyncs.sync(cognito, clock);
  }

  private SyncResult pass(CognitoUser user, String password) {
    return sync.sync(user, secret(password));
  }

  private static CognitoUser user(boolean signOut) {
    CognitoUserSpec spec = new CognitoUserSpec();
    spec.setUserPoolId(POOL);
    spec.setUsername("ana");
    spec.setPasswordSecretRef(new PasswordSecretRef("ana-password", null));
    spec.setSignOutOnPasswordChange(signOut);
    return TestSyncs.ana(spec);
  }

  private static Optional<Secret> secret(String password) {
    return TestSyncs.anasSecret(password);
  }

  private static Condition ready(SyncResult result) {
    return result.status().condition("Ready").orElseThrow();
  }

  private static Condition ready(CognitoUser user) {
    return user.getStatus().condition("Ready").orElseThrow();
  }
}
