package dev.operator.cognito.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.Condition;
import dev.operator.cognito.api.CreationPolicy;
import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.aws.CognitoFault;
import dev.operator.cognito.aws.FailureKind;
import dev.operator.cognito.support.InMemoryCognito;
import dev.operator.cognito.support.MutableClock;
import dev.operator.cognito.sync.pass.SyncResult;
import dev.operator.cognito.sync.pass.UserEvent;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The facets past the password: creation, attributes, enabled, groups, expiry, reconcile-now. */
public class UserFacetsTest {

  private static final String POOL = "us-west-2_POOL";

  private final InMemoryCognito cognito = new InMemoryCognito();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
  private final UserSync sync = TestSyncs.sync(cognito, clock);

  @Test
  void aMissingUserIsCreatedWithItsAttributesThenGetsThePassword() {
    CognitoUser user = user();
    user.getSpec().setAttributes(Map.of("email", "ana@example.com", "email_verified", "true"));

    SyncResult result = pass(user);

    assertThat(cognito.calls)
        .containsExactly("AdminGetUser", "AdminCreateUser", "AdminSetUserPassword");
    var created = cognito.user(POOL, "ana").orElseThrow();
    assertThat(created.attributes).containsEntry("email", "ana@example.com");
    assertThat(created.status).isEqualTo("CONFIRMED");
    assertThat(ready(result).getReason()).isEqualTo("PasswordSet");
    assertThat(result.events())
        .extracting(UserEvent::reason)
        .contains("UserCreated", "PasswordSet");
    assertThat(result.status().getManagedAttributes()).containsExactly("email", "email_verified");
    assertThat(result.status().getSub()).isNotBlank();
    assertThat(result.status().getEnabled()).isTrue();
  }

  @Test
  void aUserDeletedInCognitoIsCreatedAgainWithThePasswordAtTheNextRead() throws Exception {
    CognitoUser user = user();
    user.setStatus(pass(user).status());
    cognito.deleteUser(
        dev.operator.cognito.aws.UserTarget.of(null, POOL, "ana"),
        dev.operator.cognito.sync.pass.PassContext.callerOf(user));
    clock.advance(Duration.ofHours(1)); // the periodic read is due

    user.setStatus(pass(user).status());

    assertThat(cognito.user(POOL, "ana").orElseThrow().password).isEqualTo("Passw0rd!");
    assertThat(cognito.writes).hasSize(2);
  }

  @Test
  void aReappliedTemporaryPasswordDoesNotSendBackAUserWhoChoseTheirOwn() {
    var ana = cognito.addUser(POOL, "ana");
    ana.status = "CONFIRMED"; // Ana chose her own password
    CognitoUser user = user(); // no status: new, or re-applied by a GitOps tool
    user.getSpec().setPermanent(false);

    SyncResult first = pass(user);
    user.setStatus(first.status());

    assertThat(cognito.writes).isEmpty();
    assertThat(ana.status).isEqualTo("CONFIRMED");
    assertThat(ready(first).getStatus()).isEqualTo("True");
    assertThat(ready(first).getReason()).isEqualTo("TemporaryPasswordNotReissued");
    assertThat(first.status().getAppliedPassword().getFound()).isTrue();

    CognitoUser stale = user();
    stale.getSpec().setPermanent(false);
    assertThat(ready(pass(stale)).getReason())
        .as("a pass handed the CognitoUser from before its own status patch says the same")
        .isEqualTo("TemporaryPasswordNotReissued");

    clock.advance(Duration.ofHours(2));
    SyncResult refreshed = pass(user);
    assertThat(ready(refreshed).getReason()).isEqualTo("TemporaryPasswordNotReissued");
    assertThat(cognito.writes).as("seen, remembered, not written").isEmpty();

    user.setStatus(refreshed.status());
    SyncResult rotated = sync.sync(user, secret("N3w-Temp0rary!"));
    assertThat(cognito.writes).as("the Secret really changed").hasSize(1);
    assertThat(ready(rotated).getReason()).isEqualTo("TemporaryPasswordSet");
  }

  @Test
  void aTemporaryPasswordForAUserStillInForceChangeIsWrittenWithoutARecord() {
    var ana = cognito.addUser(POOL, "ana");
    ana.status = "FORCE_CHANGE_PASSWORD";
    CognitoUser user = user();
    user.getSpec().setPermanent(false);

    pass(user);

    assertThat(cognito.writes).hasSize(1);
  }

  @Test
  void aPermanentPasswordTheHistoryHoldsIsNotAFalseRejection() {
    cognito.addUser(POOL, "ana");
    CognitoUser user = user(); // the record was lost
    cognito.failNext(
        "AdminSetUserPassword",
        new dev.operator.cognito.aws.CognitoFailure(
            CognitoFault.PASSWORD_IN_HISTORY, FailureKind.NEEDS_CHANGE, "history"));

    SyncResult result = pass(user);

    assertThat(ready(result).getStatus()).isEqualTo("True");
    assertThat(ready(result).getMessage()).contains("password history");
    assertThat(result.status().getAppliedPassword().getFound()).isTrue();
  }

  @Test
  void aPasswordTheHistoryHoldsIsRejectedWhenTheRecordSaysItChanged() {
    cognito.addUser(POOL, "ana");
    CognitoUser user = user();
    user.setStatus(pass(user).status());
    cognito.failNext(
        "AdminSetUserPassword",
        new dev.operator.cognito.aws.CognitoFailure(
            CognitoFault.PASSWORD_IN_HISTORY, FailureKind.NEEDS_CHANGE, "history"));

    SyncResult result = sync.sync(user, secret("An0ther-Passw0rd!"));

    assertThat(ready(result).getReason()).isEqualTo("PasswordRejected");
  }

  @Test
  void anExistingUserIsAdoptedNotRecreated() {
    cognito.addUser(POOL, "ana");

    pass(user());

    assertThat(cognito.calls).doesNotContain("AdminCreateUser");
  }

  @Test
  void creationPolicyNeverReportsAMissingUser() {
    CognitoUser user = user();
    user.getSpec().setCreationPolicy(CreationPolicy.Never);

    SyncResult result = pass(user);

    assertThat(ready(result).getReason()).isEqualTo("UserNotFound");
    assertThat(ready(result).getMessage()).contains("creationPolicy is Never");
    assertThat(cognito.writeCalls()).isEmpty();
  }

  @Test
  void nothingChangedMeansNoCallAndAChangedFacetWritesOnlyThatFacet() {
    cognito.addUser(POOL, "ana");
    cognito.addGroup(POOL, "admins");
    CognitoUser user = user();
    user.getSpec().setAttributes(Map.of("given_name", "Ana"));
    user.getSpec().setGroups(List.of("admins"));
    user.setStatus(pass(user).status());
    cognito.calls.clear();

    user.setStatus(pass(user).status());
    assertThat(cognito.calls).as("nothing changed, no refresh due").isEmpty();

    user.getSpec().setAttributes(Map.of("given_name", "Anna"));
    user.getMetadata().setGeneration(2L);
    user.setStatus(pass(user).status());

    assertThat(cognito.writeCalls()).containsExactly("AdminUpdateUserAttributes");
    assertThat(cognito.user(POOL, "ana").orElseThrow().attributes)
        .containsEntry("given_name", "Anna");
    assertThat(ready(user).getStatus()).isEqualTo("True");
  }

  @Test
  void onlyAttributesTheOperatorSetAreDeletedWhenTheyLeaveTheSpec() {
    var ana = cognito.addUser(POOL, "ana");
    ana.attributes.put("locale", "pt-BR"); // set by someone else
    CognitoUser user = user();
    user.getSpec().setAttributes(Map.of("given_name", "Ana", "locale", "pt-BR"));
    user.setStatus(pass(user).status());
    assertThat(user.getStatus().getManagedAttributes())
        .as("locale already held that value: the operator did not set it")
        .containsExactly("given_name");

    user.getSpec().setAttributes(Map.of());
    user.getMetadata().setGeneration(2L);
    user.setStatus(pass(user).status());

    assertThat(ana.attributes).doesNotContainKey("given_name").containsEntry("locale", "pt-BR");
    assertThat(user.getStatus().getManagedAttributes()).isNull();
  }

  @Test
  void enabledFalseDisablesTheUserAndTrueEnablesItAgain() {
    var ana = cognito.addUser(POOL, "ana");
    CognitoUser user = user();
    user.getSpec().setEnabled(false);
    user.setStatus(pass(user).status());
    assertThat(ana.enabled).isFalse();
    assertThat(user.getStatus().getEnabled()).isFalse();

    user.getSpec().setEnabled(true);
    user.getMetadata().setGeneration(2L);
    cognito.calls.clear();
    user.setStatus(pass(user).status());

    assertThat(cognito.writeCalls()).containsExactly("AdminEnableUser");
    assertThat(ana.enabled).isTrue();
  }

  @Test
  void groupsAreJoinedAndOnlyTheOnesTheOperatorAddedAreLeft() {
    var ana = cognito.addUser(POOL, "ana");
    cognito.addGroup(POOL, "admins");
    cognito.addGroup(POOL, "readers");
    cognito.addGroup(POOL, "auditors");
    ana.groups.add("auditors"); // someone else's doing
    CognitoUser user = user();
    user.getSpec().setGroups(List.of("admins", "readers"));
    user.setStatus(pass(user).status());
    assertThat(ana.groups).containsExactlyInAnyOrder("auditors", "admins", "readers");
    assertThat(user.getStatus().getManagedGroups()).containsExactly("admins", "readers");

    user.getSpec().setGroups(List.of("readers"));
    user.getMetadata().setGeneration(2L);
    user.setStatus(pass(user).status());

    assertThat(ana.groups).containsExactlyInAnyOrder("auditors", "readers");
    assertThat(user.getStatus().getManagedGroups()).containsExactly("readers");
  }

  @Test
  void aMissingGroupIsItsOwnReasonAndEveryFailingFacetIsListed() {
    cognito.addUser(POOL, "ana");
    CognitoUser user = user();
    user.getSpec().setGroups(List.of("ghosts"));
    user.getSpec().setEnabled(false);
    cognito.failNext(
        "AdminDisableUser",
        InMemoryCognito.failure(CognitoFault.ACCESS_DENIED, FailureKind.OUTSIDE_CLUSTER));

    SyncResult result = pass(user);

    assertThat(ready(result).getStatus()).isEqualTo("False");
    assertThat(ready(result).getReason()).isEqualTo("AccessDenied");
    assertThat(ready(result).getMessage())
        .contains("enabled: ")
        .contains("groups: user pool " + POOL + " has no group ghosts");
    assertThat(result.status().getAppliedPassword()).as("the password still went in").isNotNull();

    user.getSpec().setEnabled(true);
    user.getMetadata().setGeneration(2L);
    SyncResult groupOnly = pass(user);
    assertThat(ready(groupOnly).getReason()).isEqualTo("GroupNotFound");
    assertThat(groupOnly.retryAfter()).as("checked again: the group may be made").isPresent();
  }

  @Test
  void anExpiredTemporaryPasswordIsReportedOrIssuedAgain() {
    cognito.addUser(POOL, "ana");
    cognito.temporaryPasswordValidityDays(POOL, 7);
    CognitoUser user = user();
    user.getSpec().setPermanent(false);
    user.setStatus(pass(user).status());
    assertThat(user.getStatus().getTemporaryPasswordExpiresAt()).isEqualTo("2026-12-03T10:00:00Z");

    clock.advance(Duration.ofDays(8));
    user.setStatus(pass(user).status());
    assertThat(ready(user).getReason()).isEqualTo("TemporaryPasswordExpired");
    assertThat(cognito.writes).hasSize(1);

    user.getSpec().setRenewExpiredTemporaryPassword(true);
    user.getMetadata().setGeneration(2L);
    SyncResult renewed = pass(user);

    assertThat(cognito.writes).hasSize(2);
    assertThat(ready(renewed).getReason()).isEqualTo("TemporaryPasswordSet");
    assertThat(renewed.status().getTemporaryPasswordExpiresAt()).isEqualTo("2026-12-11T10:00:00Z");
  }

  @Test
  void aUserWhoChoseTheirPasswordHasNoExpiry() {
    var ana = cognito.addUser(POOL, "ana");
    CognitoUser user = user();
    user.getSpec().setPermanent(false);
    user.setStatus(pass(user).status());
    ana.status = "CONFIRMED";

    clock.advance(Duration.ofDays(8));
    user.setStatus(pass(user).status());

    assertThat(ready(user).getStatus()).isEqualTo("True");
    assertThat(user.getStatus().getTemporaryPasswordExpiresAt()).isNull();
    assertThat(cognito.writes).hasSize(1);
  }

  @Test
  void aReconcileRequestReadsAfreshAndIsEchoed() {
    cognito.addUser(POOL, "ana");
    CognitoUser user = user();
    user.setStatus(pass(user).status());
    cognito.calls.clear();

    Map<String, String> annotations = new HashMap<>();
    annotations.put(UserSync.RECONCILE_REQUESTED_AT, "2026-11-26T10:05:00Z");
    user.getMetadata().setAnnotations(annotations);
    user.setStatus(pass(user).status());

    assertThat(cognito.calls).containsExactly("AdminGetUser");
    assertThat(user.getStatus().getLastHandledReconcileAt()).isEqualTo("2026-11-26T10:05:00Z");
    cognito.calls.clear();
    user.setStatus(pass(user).status());
    assertThat(cognito.calls).as("handled once").isEmpty();
  }

  @Test
  void aWriteDeferredByTheRateLimitDoesNotCostAnotherRead() {
    cognito.addUser(POOL, "ana");
    CognitoUser user = user();
    cognito.failNext(
        "AdminSetUserPassword", new dev.operator.cognito.aws.DeferredCall(Duration.ofSeconds(3)));

    SyncResult deferred = pass(user);
    user.setStatus(deferred.status());
    assertThat(ready(deferred).getReason()).isEqualTo("RateLimited");
    clock.advance(Duration.ofSeconds(3));
    pass(user);

    assertThat(cognito.calls)
        .containsExactly("AdminGetUser", "AdminSetUserPassword", "AdminSetUserPassword");
    assertThat(cognito.writes).hasSize(1);
  }

  @Test
  void deletingRemovesTheUserAndAnAlreadyGoneOneCountsAsDeleted() {
    cognito.addUser(POOL, "ana");
    CognitoUser user = user();
    user.setStatus(pass(user).status());

    assertThat(sync.delete(user)).isInstanceOf(Deletion.Done.class);
    assertThat(cognito.user(POOL, "ana")).isEmpty();
    assertThat(sync.delete(user)).isInstanceOf(Deletion.Done.class);
  }

  @Test
  void attributesCognitoKeepsItselfAreRefusedBeforeAnyCall() {
    CognitoUser user = user();
    user.getSpec().setAttributes(Map.of("sub", "mine"));

    SyncResult result = pass(user);

    assertThat(ready(result).getReason()).isEqualTo("InvalidSpec");
    assertThat(cognito.calls).isEmpty();
  }

  @Test
  void aRotatedPermanentPasswordOfAReadyUserCostsOneCallAndKeepsEveryFacet() {
    cognito.addGroup(POOL, "admins");
    CognitoUser user = user();
    user.getSpec().setAttributes(Map.of("given_name", "Ana"));
    user.getSpec().setGroups(List.of("admins"));
    user.setStatus(pass(user).status());
    CognitoUserStatus before = user.getStatus().copy();
    cognito.calls.clear();

    SyncResult rotated = sync.sync(user, secret("R0tated-Passw0rd!"));

    assertThat(cognito.calls).as("no read first").containsExactly("AdminSetUserPassword");
    assertThat(cognito.user(POOL, "ana").orElseThrow().password).isEqualTo("R0tated-Passw0rd!");
    assertThat(ready(rotated).getReason()).isEqualTo("PasswordSet");
    assertThat(rotated.status().getUserStatus()).isEqualTo("CONFIRMED");
    assertThat(rotated.status().getSub()).isEqualTo(before.getSub());
    assertThat(rotated.status().getUserCreateDate()).isEqualTo(before.getUserCreateDate());
    assertThat(rotated.status().getManagedAttributes()).containsExactly("given_name");
    assertThat(rotated.status().getManagedGroups()).containsExactly("admins");
    assertThat(rotated.status().getAppliedPassword().getFingerprint())
        .isNotEqualTo(before.getAppliedPassword().getFingerprint());
  }

  @Test
  void aRotationForAUserDeletedMeanwhileFailsThenTheNextPassReadsAndCreatesIt() throws Exception {
    CognitoUser user = user();
    user.setStatus(pass(user).status());
    cognito.deleteUser(
        dev.operator.cognito.aws.UserTarget.of(null, POOL, "ana"),
        dev.operator.cognito.sync.pass.PassContext.callerOf(user));

    user.setStatus(sync.sync(user, secret("R0tated-Passw0rd!")).status());
    assertThat(ready(user).getStatus()).isEqualTo("False");

    user.setStatus(sync.sync(user, secret("R0tated-Passw0rd!")).status());
    assertThat(ready(user).getReason()).isEqualTo("PasswordSet");
    assertThat(cognito.user(POOL, "ana").orElseThrow().password).isEqualTo("R0tated-Passw0rd!");
  }

  @Test
  void aRotatedTemporaryPasswordStillReadsTheUserFirst() {
    CognitoUser user = user();
    user.getSpec().setPermanent(false);
    user.setStatus(pass(user).status());
    cognito.calls.clear();

    sync.sync(user, secret("N3w-Temp0rary!"));

    assertThat(cognito.calls).startsWith("AdminGetUser");
  }

  private SyncResult pass(CognitoUser user) {
    return sync.sync(user, secret());
  }

  private static CognitoUser user() {
    CognitoUserSpec spec = new CognitoUserSpec();
    spec.setUserPoolId(POOL);
    spec.setUsername("ana");
    spec.setPasswordSecretRef(new PasswordSecretRef("ana-password", null));
    return TestSyncs.ana(spec);
  }

  private static Optional<Secret> secret() {
    return secret("Passw0rd!");
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
