package dev.operator.cognito.sync;

import static dev.operator.cognito.support.InMemoryCognito.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.Condition;
import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.aws.CognitoFault;
import dev.operator.cognito.aws.FailureKind;
import dev.operator.cognito.support.InMemoryCognito;
import dev.operator.cognito.support.MutableClock;
import dev.operator.cognito.sync.check.PoolAccessCheck;
import dev.operator.cognito.sync.claim.ClaimRegistry;
import dev.operator.cognito.sync.pass.SyncResult;
import dev.operator.cognito.sync.pass.UserEvent;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

public class UserSyncTest {

  private static final Duration REFRESH = Duration.ofHours(1);
  private static final Duration RECHECK = Duration.ofMinutes(10);

  private final InMemoryCognito cognito = new InMemoryCognito();

  {
    cognito.addUser("us-west-2_POOL", "diego");
  }

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
  private final UserSync sync = syncWith(ClaimRegistry.NONE);

  private UserSync syncWith(ClaimRegistry owners) {
    return TestSyncs.sync(cognito, TestSyncs.keys(), clock, owners, PoolAccessCheck.ANY_POOL);
  }

  @Test
  void firstSyncSetsThePasswordReadsTheUserAndReportsReady() {
    CognitoUser user = user(true);

    SyncResult result = sync.sync(user, secret("password", "Passw0rd!"));

    assertThat(cognito.writes)
        .containsExactly(
            new InMemoryCognito.Write(
                dev.operator.cognito.aws.UserTarget.of(null, "us-west-2_POOL", "diego"),
                "Passw0rd!",
                true));
    assertThat(cognito.reads).isEqualTo(1);
    assertThat(result.status().getUserStatus()).isEqualTo("CONFIRMED");
    assertThat(result.status().getObservedGeneration()).isEqualTo(3L);
    assertThat(result.status().getAppliedPassword().getPermanent()).isTrue();
    Condition ready = ready(result);
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getReason()).isEqualTo("PasswordSet");
    assertThat(ready.getObservedGeneration()).isEqualTo(3L);
    assertThat(ready.getLastTransitionTime()).isEqualTo("2026-11-26T10:00:00Z");
    assertThat(result.events()).extracting(UserEvent::reason).containsExactly("PasswordSet");
    assertThat(result.retryAfter()).contains(REFRESH);
  }

  @Test
  void anUnchangedPasswordIsNeitherWrittenNorReadAgainBeforeTheRefreshIsDue() {
    CognitoUser user = user(true);
    user.setStatus(sync.sync(user, secret("password", "Passw0rd!")).status());
    clock.advance(Duration.ofMinutes(5));

    SyncResult again = sync.sync(user, secret("password", "Passw0rd!"));

    assertThat(cognito.writes).hasSize(1);
    assertThat(cognito.reads).isEqualTo(1);
    assertThat(again.status()).isEqualTo(user.getStatus());
    assertThat(again.events()).isEmpty();
    assertThat(again.retryAfter()).contains(Duration.ofMinutes(55));
  }

  @Test
  void theStatusIsReadAgainOnceTheRefreshIsDueWithoutWriting() {
    CognitoUser user = user(false);
    user.setStatus(sync.sync(user, secret("password", "Passw0rd!")).status());
    cognito.user("us-west-2_POOL", "diego").orElseThrow().status =
        "CONFIRMED"; // the user chose their own password
    clock.advance(REFRESH);

    SyncResult refreshed = sync.sync(user, secret("password", "Passw0rd!"));

    assertThat(cognito.writes).hasSize(1);
    assertThat(cognito.reads).isEqualTo(2);
    assertThat(refreshed.status().getUserStatus()).isEqualTo("CONFIRMED");
    assertThat(ready(refreshed).getReason()).isEqualTo("TemporaryPasswordSet");
  }

  @Test
  void aPassHandedTheCognitoUserFromBeforeItsOwnStatusPatchDoesNotWriteAgain() {
    CognitoUser user = user(true);
    user.getMetadata().setUid("uid-stale");
    SyncResult first = sync.sync(user, secret("password", "Passw0rd!"));

    // the cache still holds the CognitoUser without that status
    SyncResult stale = sync.sync(user, secret("password", "Passw0rd!"));

    assertThat(cognito.writes).hasSize(1);
    assertThat(stale.status().getAppliedPassword()).isEqualTo(first.status().getAppliedPassword());
  }

  @Test
  void aStalePassThatFindsTheSecretGoneKeepsTheRecordOfTheWrite() {
    CognitoUser user = user(true);
    user.getMetadata().setUid("uid-gone");
    SyncResult written = sync.sync(user, secret("password", "Passw0rd!"));

    // handed the CognitoUser from before that status patch, and the Secret is gone
    SyncResult gone = sync.sync(user, Optional.empty());

    assertThat(ready(gone).getReason()).isEqualTo("SecretNotFound");
    assertThat(gone.status().getAppliedPassword()).isEqualTo(written.status().getAppliedPassword());
  }

  @Test
  void aNewPasswordPermanenceOrTargetIsWritten() {
    CognitoUser user = user(true);
    user.setStatus(sync.sync(user, secret("password", "Passw0rd!")).status());

    user.setStatus(sync.sync(user, secret("password", "N3wPassw0rd!")).status());
    user.getSpec().setPermanent(false);
    user.setStatus(sync.sync(user, secret("password", "N3wPassw0rd!")).status());
    user.getSpec().setUsername("someone-else");
    sync.sync(user, secret("password", "N3wPassw0rd!"));

    assertThat(cognito.writes)
        .extracting(InMemoryCognito.Write::password, InMemoryCognito.Write::permanent)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Passw0rd!", true),
            org.assertj.core.groups.Tuple.tuple("N3wPassw0rd!", true),
            org.assertj.core.groups.Tuple.tuple("N3wPassw0rd!", false),
            org.assertj.core.groups.Tuple.tuple("N3wPassw0rd!", false));
  }

  @Test
  void aMissingSecretWaitsForAChangeAndWarnsOnce() {
    CognitoUser user = user(true);

    SyncResult first = sync.sync(user, Optional.empty());
    user.setStatus(first.status());
    SyncResult second = sync.sync(user, Optional.empty());

    assertThat(ready(first).getReason()).isEqualTo("SecretNotFound");
    assertThat(ready(first).getMessage()).isEqualTo("Secret team-a/diego-password not found");
    assertThat(first.retryAfter()).isEmpty();
    assertThat(first.events()).extracting(UserEvent::type).containsExactly(UserEvent.Type.Warning);
    assertThat(second.events()).isEmpty();
    assertThat(second.status()).isEqualTo(first.status());
    assertThat(cognito.writes).isEmpty();
  }

  @Test
  void aMissingKeyNamesTheKeyAndTheKeysThereAre() {
    SyncResult result = sync.sync(user(true), secret("other", "x"));

    assertThat(ready(result).getReason()).isEqualTo("SecretKeyNotFound");
    assertThat(ready(result).getMessage())
        .isEqualTo("Secret team-a/diego-password has no key 'password' (it has: other)");
  }

  @Test
  void aThrottledUserComesBackSoonWhateverHappenedBefore() {
    CognitoUser user = user(true);
    for (int i = 0; i < 5; i++) {
      cognito.failNext(
          "AdminSetUserPassword", failure(CognitoFault.THROTTLED, FailureKind.TRANSIENT));
      SyncResult throttled = sync.sync(user, secret("password", "Passw0rd!"));
      user.setStatus(throttled.status());
      assertThat(ready(throttled).getReason()).isEqualTo("Throttled");
      assertThat(throttled.retryAfter())
          .as("attempt %d: bounded, the shared rate slows instead", i + 1)
          .contains(Duration.ofSeconds(1));
    }
  }

  @Test
  void transientFailuresBackOffExponentiallyAndKeepWhatWasApplied() {
    CognitoUser user = user(true);
    user.setStatus(sync.sync(user, secret("password", "Passw0rd!")).status());
    var applied = user.getStatus().getAppliedPassword();

    cognito.failNext(
        "AdminSetUserPassword", failure(CognitoFault.UNAVAILABLE, FailureKind.TRANSIENT));
    SyncResult first = sync.sync(user, secret("password", "N3wPassw0rd!"));
    user.setStatus(first.status());
    cognito.failNext(
        "AdminSetUserPassword", failure(CognitoFault.UNAVAILABLE, FailureKind.TRANSIENT));
    SyncResult second = sync.sync(user, secret("password", "N3wPassw0rd!"));

    assertThat(ready(first).getReason()).isEqualTo("CognitoUnavailable");
    assertThat(ready(first).getStatus()).isEqualTo("False");
    assertThat(first.retryAfter()).contains(Duration.ofSeconds(1));
    assertThat(second.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(second.status().getAppliedPassword()).isEqualTo(applied);
    assertThat(second.events()).isEmpty();
  }

  @Test
  void failuresFixedOutsideTheClusterAreCheckedAgainLater() {
    cognito.failNext(
        "AdminSetUserPassword", failure(CognitoFault.USER_NOT_FOUND, FailureKind.OUTSIDE_CLUSTER));

    SyncResult result = sync.sync(user(true), secret("password", "Passw0rd!"));

    assertThat(ready(result).getReason()).isEqualTo("UserNotFound");
    assertThat(result.status().getUserStatus()).isNull();
    assertThat(result.retryAfter()).contains(RECHECK);
  }

  @Test
  void aRejectedPasswordWaitsForANewOne() {
    cognito.failNext(
        "AdminSetUserPassword", failure(CognitoFault.PASSWORD_REFUSED, FailureKind.NEEDS_CHANGE));

    SyncResult result = sync.sync(user(true), secret("password", "weak"));

    assertThat(ready(result).getReason()).isEqualTo("PasswordRejected");
    assertThat(result.retryAfter()).isEmpty();
  }

  @Test
  void theUserIsReadBeforeItIsWrittenAndAFailedReadPostponesTheWrite() {
    CognitoUser user = user(false);
    cognito.failNext("AdminGetUser", failure(CognitoFault.THROTTLED, FailureKind.TRANSIENT));

    SyncResult postponed = sync.sync(user, secret("password", "Temp0rary!"));
    user.setStatus(postponed.status());
    SyncResult written = sync.sync(user, secret("password", "Temp0rary!"));

    assertThat(ready(postponed).getReason()).isEqualTo("Throttled");
    assertThat(postponed.status().condition("Reconciling").map(Condition::getStatus))
        .contains("True");
    assertThat(postponed.retryAfter()).contains(Duration.ofSeconds(1));
    assertThat(ready(written).getReason()).isEqualTo("TemporaryPasswordSet");
    assertThat(written.status().getUserStatus()).isEqualTo("FORCE_CHANGE_PASSWORD");
    assertThat(cognito.reads).as("one read per pass that writes").isEqualTo(2);
    assertThat(cognito.writes).hasSize(1);
  }

  @Test
  void aFederatedUserGetsNoPasswordUnlessTheSpecAllowsIt() {
    CognitoUser user = user(true);
    cognito.user("us-west-2_POOL", "diego").orElseThrow().status = "EXTERNAL_PROVIDER";

    SyncResult refused = sync.sync(user, secret("password", "Passw0rd!"));

    assertThat(ready(refused).getReason()).isEqualTo("FederatedUser");
    assertThat(ready(refused).getMessage()).contains("allowFederatedUser");
    assertThat(refused.status().getUserStatus())
        .as("a refused CognitoUser's status shows nothing of the user")
        .isNull();
    assertThat(refused.status().condition("Stalled")).isPresent();
    assertThat(cognito.writes).isEmpty();

    user.setStatus(refused.status());
    user.getSpec().setAllowFederatedUser(true);
    SyncResult allowed = sync.sync(user, secret("password", "Passw0rd!"));
    assertThat(ready(allowed).getReason()).isEqualTo("PasswordSet");
    assertThat(cognito.writes).hasSize(1);
  }

  @Test
  void kstatusConditionsSayWhetherTheOperatorRetriesOrWaitsForAChange() {
    CognitoUser user = user(true);
    SyncResult settled = sync.sync(user, secret("password", "Passw0rd!"));
    assertThat(settled.status().getConditions())
        .extracting(Condition::getType)
        .containsOnly("Ready");
    user.setStatus(settled.status());

    cognito.failNext(
        "AdminSetUserPassword", failure(CognitoFault.UNAVAILABLE, FailureKind.TRANSIENT));
    SyncResult retrying = sync.sync(user, secret("password", "N3wPassw0rd!"));
    assertThat(retrying.status().condition("Reconciling"))
        .hasValueSatisfying(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo("CognitoUnavailable");
              assertThat(c.getObservedGeneration()).isEqualTo(3L);
            });
    assertThat(retrying.status().condition("Stalled")).isEmpty();
    user.setStatus(retrying.status());

    cognito.failNext(
        "AdminSetUserPassword", failure(CognitoFault.ACCESS_DENIED, FailureKind.OUTSIDE_CLUSTER));
    SyncResult outside = sync.sync(user, secret("password", "N3wPassw0rd!"));
    assertThat(outside.status().condition("Stalled").map(Condition::getReason))
        .contains("AccessDenied");
    assertThat(outside.status().condition("Reconciling")).isEmpty();
    user.setStatus(outside.status());

    SyncResult needsChange = sync.sync(user, Optional.empty());
    assertThat(needsChange.status().condition("Stalled").map(Condition::getReason))
        .contains("SecretNotFound");
    user.setStatus(needsChange.status());

    SyncResult recovered = sync.sync(user, secret("password", "N3wPassw0rd!"));
    assertThat(recovered.status().getConditions())
        .extracting(Condition::getType)
        .containsOnly("Ready");
  }

  @Test
  void aRefusedRegionIsReportedWithoutCallingCognito() {
    CognitoUser user = user(true);
    user.getSpec().setRegion("s3");

    SyncResult result = sync.sync(user, secret("password", "Passw0rd!"));

    assertThat(ready(result).getReason()).isEqualTo("RegionMismatch");
    user.getSpec().setUserPoolId("s3_POOL");
    SyncResult again = sync.sync(user, secret("password", "Passw0rd!"));
    assertThat(ready(again).getReason()).isEqualTo("RegionNotAllowed");
    assertThat(again.status().condition("Stalled")).isPresent();
    assertThat(again.retryAfter()).isEmpty();
    assertThat(cognito.writes).isEmpty();
    assertThat(cognito.reads).isZero();
  }

  @Test
  void aRecreatedCognitoUserInheritsNoStateAndDeletedOnesAreForgotten() {
    CognitoUser first = user(true);
    first.getMetadata().setUid("uid-1");
    cognito.failNext(
        "AdminSetUserPassword", failure(CognitoFault.UNAVAILABLE, FailureKind.TRANSIENT));
    first.setStatus(sync.sync(first, secret("password", "Passw0rd!")).status());
    cognito.failNext(
        "AdminSetUserPassword", failure(CognitoFault.UNAVAILABLE, FailureKind.TRANSIENT));
    assertThat(sync.sync(first, secret("password", "Passw0rd!")).retryAfter())
        .contains(Duration.ofSeconds(2));

    CognitoUser recreated = user(true);
    recreated.getMetadata().setUid("uid-2");
    cognito.failNext(
        "AdminSetUserPassword", failure(CognitoFault.UNAVAILABLE, FailureKind.TRANSIENT));
    assertThat(sync.sync(recreated, secret("password", "Passw0rd!")).retryAfter())
        .as("same name, new uid: a backoff of its own")
        .contains(Duration.ofSeconds(1));

    sync.forget("uid-1");
    cognito.failNext(
        "AdminSetUserPassword", failure(CognitoFault.UNAVAILABLE, FailureKind.TRANSIENT));
    assertThat(sync.sync(first, secret("password", "Passw0rd!")).retryAfter())
        .as("uid-1 was forgotten")
        .contains(Duration.ofSeconds(1));
  }

  @Test
  void aWriteRecordsTheClaimOnTheCanonicalUsername() {
    SyncResult result = sync.sync(user(true), secret("password", "Passw0rd!"));

    assertThat(result.status().getCanonicalUsername()).isEqualTo("diego");
  }

  @Test
  void aSpecWithoutRequiredFieldsIsReportedWithoutCallingCognito() {
    CognitoUser user = user(true);
    user.getSpec().setUsername(null);
    user.getSpec().setPasswordSecretRef(null);

    SyncResult result = sync.sync(user, secret("password", "Passw0rd!"));

    assertThat(ready(result).getReason()).isEqualTo("InvalidSpec");
    assertThat(ready(result).getMessage())
        .contains("spec.username")
        .contains("spec.passwordSecretRef.name");
    assertThat(result.retryAfter()).isEmpty();
    assertThat(cognito.writes).isEmpty();
  }

  @Test
  void lastTransitionTimeMovesOnlyWhenReadyFlips() {
    CognitoUser user = user(true);
    user.setStatus(sync.sync(user, Optional.empty()).status());
    clock.advance(Duration.ofMinutes(1));
    user.setStatus(sync.sync(user, secret("other", "x")).status());
    assertThat(ready(user).getLastTransitionTime()).isEqualTo("2026-11-26T10:00:00Z");

    clock.advance(Duration.ofMinutes(1));
    user.setStatus(sync.sync(user, secret("password", "Passw0rd!")).status());

    assertThat(ready(user).getStatus()).isEqualTo("True");
    assertThat(ready(user).getLastTransitionTime()).isEqualTo("2026-11-26T10:02:00Z");
  }

  private static CognitoUser user(boolean permanent) {
    CognitoUserSpec spec = new CognitoUserSpec();
    spec.setUserPoolId("us-west-2_POOL");
    spec.setUsername("diego");
    spec.setPasswordSecretRef(new PasswordSecretRef("diego-password", null));
    spec.setPermanent(permanent);
    CognitoUser user = new CognitoUser();
    user.getMetadata().setName("diego");
    user.getMetadata().setNamespace("team-a");
    user.getMetadata().setGeneration(3L);
    user.setSpec(spec);
    return user;
  }

  private static Optional<Secret> secret(String key, String value) {
    return Optional.of(
        new SecretBuilder()
            .withNewMetadata()
            .withName("diego-password")
            .withNamespace("team-a")
            .endMetadata()
            .withData(
                Map.of(
                    key,
                    Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))))
            .build());
  }

  private static Condition ready(SyncResult result) {
    return result.status().condition("Ready").orElseThrow();
  }

  private static Condition ready(CognitoUser user) {
    return user.getStatus().condition("Ready").orElseThrow();
  }
}
