package dev.operator.cognito.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.DeletionPolicy;
import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.controller.cache.ClaimsInCache;
import dev.operator.cognito.fingerprint.FingerprintKey;
import dev.operator.cognito.fingerprint.PasswordFingerprinter;
import dev.operator.cognito.grants.GrantPermissions;
import dev.operator.cognito.grants.PoolAccess;
import dev.operator.cognito.support.InMemoryCognito;
import dev.operator.cognito.support.MutableClock;
import dev.operator.cognito.sync.check.PoolAccessCheck;
import dev.operator.cognito.sync.claim.ClaimSeal;
import dev.operator.cognito.sync.pass.SyncResult;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tenant trying to act on another tenant's Cognito user through the claim rules: another spelling
 * of the username, an edited target, a forged or replayed status, a namespace that lost its grant.
 * Each CognitoUser's status is kept as the operator's cache would hold it, and every pass sees the
 * others' claims through the same checks the cache applies.
 */
public class TenantClaimsTest {

  private static final String POOL = "us-west-2_POOL";
  private static final String OTHER_POOL = "us-west-2_OTHER";

  private final InMemoryCognito cognito = new InMemoryCognito();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
  private final PasswordFingerprinter keys =
      new PasswordFingerprinter(new FingerprintKey(new byte[32]));
  private final List<CognitoUser> cluster = new ArrayList<>();
  private final Map<String, String> passwords = new HashMap<>();
  private final Map<String, PoolAccess> access = new HashMap<>();
  private final PoolAccessCheck grants =
      user ->
          access.getOrDefault(
              user.getMetadata().getNamespace() + "/" + user.getSpec().getUserPoolId(),
              new PoolAccess.Allowed(Optional.empty()));
  private final ClaimsInCache cache = new ClaimsInCache(new ClaimSeal(keys), grants);
  private final UserSync sync =
      TestSyncs.sync(
          cognito,
          keys,
          clock,
          (self, identity) -> cache.live(cluster.stream(), self, identity),
          grants);

  {
    cognito.addUser(POOL, "alice");
    cognito.alias(POOL, "alice@example.com", "alice");
    cognito.caseInsensitive(POOL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"alias", "case", "sub"})
  void anotherSpellingOfAnOwnedUserIsRefusedLearnsNothingAndCannotDeleteIt(String spelling) {
    CognitoUser owner = owns("team-a", "alice", "alice");
    String name =
        switch (spelling) {
          case "alias" -> "alice@example.com";
          case "case" -> "ALICE";
          default -> cognito.user(POOL, "alice").orElseThrow().attributes.get("sub");
        };
    CognitoUser intruder =
        resource("team-b", "intruder", name, s -> s.setDeletionPolicy(DeletionPolicy.Delete));

    SyncResult refused = pass(intruder);

    assertThat(reason(refused)).isEqualTo("Conflict");
    assertThat(refused.status().getConditions().get(0).getMessage())
        .contains("another namespace")
        .doesNotContain("team-a");
    assertNothingOfTheUser(refused.status());
    assertThat(cognito.writes).as("the owner's write only").hasSize(1);
    assertThat(sync.delete(intruder)).isInstanceOf(Deletion.Skipped.class);
    assertThat(cognito.user(POOL, "alice")).isPresent();
    assertThat(cognito.calls).doesNotContain("AdminDeleteUser");
    assertThat(sync.delete(owner))
        .as("the owner itself may delete")
        .isInstanceOf(Deletion.Done.class);
  }

  @Test
  void anEditedUsernameCannotDeleteTheUserItNowNames() {
    owns("team-a", "alice", "alice");
    cognito.addUser(POOL, "decoy");
    CognitoUser decoy =
        owns("team-b", "decoy", "decoy", s -> s.setDeletionPolicy(DeletionPolicy.Delete));

    edit(decoy, s -> s.setUsername("alice"));
    passwords.remove("team-b/decoy"); // its Secret is gone: the pass stops before it reads
    assertThat(reason(pass(decoy))).isEqualTo("SecretNotFound");
    Deletion deletion = sync.delete(decoy);

    assertThat(deletion).isInstanceOf(Deletion.Skipped.class);
    assertThat(((Deletion.Skipped) deletion).message()).contains("not deleted");
    assertThat(cognito.user(POOL, "alice")).isPresent();
    assertThat(cognito.user(POOL, "decoy")).as("nor the one it claimed before").isPresent();
    assertThat(cognito.calls).doesNotContain("AdminDeleteUser");
  }

  @Test
  void aRetargetedCognitoUserManagesNothingOnItsNewUser() {
    cognito.addGroup(POOL, "admins");
    cognito.addUser(POOL, "bob");
    var dave = cognito.addUser(POOL, "dave");
    dave.groups.add("admins");
    dave.attributes.put("name", "Dave");
    CognitoUser bob =
        owns(
            "team-a",
            "bob",
            "bob",
            s -> {
              s.setGroups(List.of("admins"));
              s.setAttributes(Map.of("name", "Bob"));
            });
    assertThat(bob.getStatus().getManagedGroups()).containsExactly("admins");

    edit(
        bob,
        s -> {
          s.setUsername("dave");
          s.setGroups(List.of());
          s.setAttributes(Map.of());
        });
    SyncResult moved = pass(bob);

    assertThat(reason(moved)).isEqualTo("PasswordSet");
    assertThat(dave.groups).containsExactly("admins");
    assertThat(dave.attributes).containsEntry("name", "Dave");
    assertThat(moved.status().getManagedGroups()).isNull();
    assertThat(moved.status().getManagedAttributes()).isNull();
    assertThat(cognito.calls)
        .doesNotContain("AdminRemoveUserFromGroup", "AdminDeleteUserAttributes");
  }

  @Test
  void anOldCognitoUserRenamedOntoAYoungerOwnersUserIsRefused() {
    cognito.addUser(POOL, "olduser");
    cognito.addUser(POOL, "younguser");
    CognitoUser old = owns("team-b", "old", "olduser");
    owns("team-a", "young", "younguser");

    edit(old, s -> s.setUsername("younguser"));

    assertThat(reason(pass(old))).isEqualTo("Conflict");
    assertThat(cognito.writes)
        .filteredOn(w -> w.target().username().equals("younguser"))
        .as("the young owner's write only")
        .hasSize(1);
    assertThat(cognito.user(POOL, "younguser").orElseThrow().password)
        .isEqualTo(passwords.get("team-a/young"));
  }

  @Test
  void aClaimCopiedFromTheOwnersStatusIsNoClaim() {
    CognitoUser owner = owns("team-a", "alice", "alice");
    CognitoUser forger =
        resource("team-b", "forger", "alice", s -> s.setDeletionPolicy(DeletionPolicy.Delete));
    assertThat(reason(pass(forger))).isEqualTo("Conflict");

    // everything the owner's status says, claim and seal included, patched into the forger's
    forger.setStatus(owner.getStatus().copy());
    forger.getMetadata().setGeneration(owner.getMetadata().getGeneration());
    // and an ownership later than the owner's, which would win if it were believed
    forger.getStatus().getClaim().setOwnerSince(clock.instant().plusSeconds(60).toString());
    passwords.put("team-b/forger", "Forg3d-Passw0rd!");

    assertThat(reason(pass(forger))).isEqualTo("Conflict");
    assertThat(sync.delete(forger)).isInstanceOf(Deletion.Skipped.class);
    assertThat(cognito.writes).hasSize(1);
    assertThat(cognito.user(POOL, "alice").orElseThrow().password)
        .isEqualTo(passwords.get("team-a/alice"));
  }

  @Test
  void anOldOwnersClaimReplayedAfterAnotherTookOverHoldsNothing() {
    cognito.addUser(POOL, "yves");
    CognitoUser first = owns("team-b", "first", "alice");
    CognitoUserStatus ownedAlice = first.getStatus().copy();
    edit(first, s -> s.setUsername("yves"));
    assertThat(reason(pass(first))).isEqualTo("PasswordSet");
    CognitoUser second = owns("team-a", "second", "alice");

    // back to alice, with the claim it held on her restored by hand
    edit(first, s -> s.setUsername("alice"));
    first.setStatus(ownedAlice);
    SyncResult refused = pass(first);

    assertThat(reason(refused)).isEqualTo("Conflict");
    assertThat(reason(pass(second))).isEqualTo("PasswordSet");
    assertThat(cognito.user(POOL, "alice").orElseThrow().password)
        .isEqualTo(passwords.get("team-a/second"));
  }

  @Test
  void aGroupForgedIntoTheStatusIsNotTakenAway() {
    cognito.addGroup(POOL, "staff");
    var gina = cognito.addUser(POOL, "gina");
    CognitoUser owner = owns("team-a", "gina", "gina");
    gina.groups.add("staff"); // an administrator's doing

    owner.getStatus().setManagedGroups(List.of("staff"));
    owner.getMetadata().setAnnotations(Map.of(UserSync.RECONCILE_REQUESTED_AT, "now"));
    SyncResult after = pass(owner);

    assertThat(reason(after)).isEqualTo("PasswordSet");
    assertThat(gina.groups).containsExactly("staff");
    assertThat(after.status().getManagedGroups()).isNull();
  }

  @Test
  void aRotationWithoutAReadWritesToTheUserTheClaimNamesNotToWhereTheAliasNowPoints() {
    CognitoUser owner = owns("team-a", "alice", "alice@example.com");
    assertThat(owner.getStatus().getCanonicalUsername()).isEqualTo("alice");
    var mallory = cognito.addUser(POOL, "mallory");
    cognito.alias(POOL, "alice@example.com", "mallory"); // the alias moved to another user
    cognito.calls.clear();

    passwords.put("team-a/alice", "R0tated-Passw0rd!");
    pass(owner);

    assertThat(cognito.calls).containsExactly("AdminSetUserPassword");
    assertThat(cognito.writes.get(cognito.writes.size() - 1).target().username())
        .isEqualTo("alice");
    assertThat(mallory.password).isNull();
  }

  @Test
  void aNamespaceRefusedItsPoolHoldsNoClaimAndShowsNothing() {
    cognito.addUser(POOL, "carol");
    cognito.addUser(OTHER_POOL, "carol");
    CognitoUser squatter = owns("squatter", "carol", "carol");
    access.put(
        "squatter/" + OTHER_POOL,
        new PoolAccess.Refused(ReadyReason.PoolNotAllowed, "namespace squatter may not"));

    edit(squatter, s -> s.setUserPoolId(OTHER_POOL));
    SyncResult refused = pass(squatter);
    CognitoUser granted = owns("team-a", "carol", "carol", s -> s.setUserPoolId(OTHER_POOL));

    assertThat(reason(refused)).isEqualTo("PoolNotAllowed");
    assertNothingOfTheUser(refused.status());
    assertThat(refused.status().getClaim()).isNull();
    assertThat(reason(granted.getStatus())).isEqualTo("PasswordSet");
  }

  @Test
  void anOwnerWhoseNamespaceLosesThePoolHoldsTheUserNoLonger() {
    CognitoUser owner = owns("team-a", "alice", "alice");
    CognitoUser waiting = resource("team-b", "alice", "alice");
    assertThat(reason(pass(waiting))).isEqualTo("Conflict");

    access.put(
        "team-a/" + POOL, new PoolAccess.Refused(ReadyReason.PoolNotAllowed, "grant deleted"));
    int calls = cognito.calls.size();
    assertThat(reason(pass(owner))).isEqualTo("PoolNotAllowed");
    assertThat(cognito.calls).as("no call of any kind").hasSize(calls);

    assertThat(reason(pass(waiting))).isEqualTo("PasswordSet");
  }

  @Test
  void whatAGrantDoesNotAllowIsRefusedBeforeAnyCallNamingTheField() {
    cognito.addUser(POOL, "erin");
    access.put("team-a/" + POOL, allowed(false, false, List.of("team-*")));
    CognitoUser deleting =
        resource("team-a", "erin", "erin", s -> s.setDeletionPolicy(DeletionPolicy.Delete));
    CognitoUser grouped = resource("team-a", "gus", "gus", s -> s.setGroups(List.of("admins")));

    SyncResult noDeletion = pass(deleting);
    SyncResult noGroup = pass(grouped);

    assertThat(reason(noDeletion)).isEqualTo("ForbiddenByGrant");
    assertThat(message(noDeletion)).contains("allowDeletion");
    assertThat(reason(noGroup)).isEqualTo("ForbiddenByGrant");
    assertThat(message(noGroup)).contains("allowedGroups").contains("admins");
    assertThat(cognito.calls).isEmpty();
    Deletion kept = sync.delete(deleting);
    assertThat(kept).isInstanceOf(Deletion.Skipped.class);
    assertThat(((Deletion.Skipped) kept).message()).contains("allowDeletion");
    assertThat(cognito.user(POOL, "erin")).isPresent();
  }

  @Test
  void withoutAdoptionOnlyUsersTheOperatorCreatesAreManaged() {
    access.put("team-a/" + POOL, allowed(false, true, List.of()));
    CognitoUser existing = resource("team-a", "alice", "alice");
    CognitoUser created = resource("team-a", "newbie", "newbie");

    SyncResult refused = pass(existing);
    SyncResult made = pass(created);

    assertThat(reason(refused)).isEqualTo("ForbiddenByGrant");
    assertThat(message(refused)).contains("allowAdoption");
    assertNothingOfTheUser(refused.status());
    assertThat(reason(made)).isEqualTo("PasswordSet");
    assertThat(cognito.writes)
        .extracting(w -> w.target().username())
        .as("no password for the existing user")
        .containsExactly("newbie");
    assertThat(sync.delete(created)).isInstanceOf(Deletion.Done.class);
  }

  private static PoolAccess allowed(boolean adoption, boolean deletion, List<String> groups) {
    return new PoolAccess.Allowed(
        Optional.empty(), new GrantPermissions("team-a-grant", adoption, deletion, false, groups));
  }

  private static void assertNothingOfTheUser(CognitoUserStatus status) {
    assertThat(status.getSub()).isNull();
    assertThat(status.getUserStatus()).isNull();
    assertThat(status.getEnabled()).isNull();
    assertThat(status.getUserCreateDate()).isNull();
    assertThat(status.getUserLastModifiedDate()).isNull();
    assertThat(status.getCanonicalUsername()).isNull();
    assertThat(status.getManagedGroups()).isNull();
    assertThat(status.getManagedAttributes()).isNull();
    if (status.getClaim() != null) {
      assertThat(status.getClaim().getCanonicalUsername()).isNull();
    }
  }

  /** A CognitoUser that owns its user, after one pass. */
  private CognitoUser owns(String namespace, String name, String username) {
    return owns(namespace, name, username, s -> {});
  }

  private CognitoUser owns(
      String namespace, String name, String username, Consumer<CognitoUserSpec> more) {
    CognitoUser user = resource(namespace, name, username, more);
    SyncResult result = pass(user);
    assertThat(reason(result)).as(namespace + "/" + name).isEqualTo("PasswordSet");
    return user;
  }

  private CognitoUser resource(String namespace, String name, String username) {
    return resource(namespace, name, username, s -> {});
  }

  private CognitoUser resource(
      String namespace, String name, String username, Consumer<CognitoUserSpec> more) {
    CognitoUserSpec spec = new CognitoUserSpec();
    spec.setUserPoolId(POOL);
    spec.setUsername(username);
    spec.setPasswordSecretRef(new PasswordSecretRef(name + "-password", null));
    more.accept(spec);
    CognitoUser user = new CognitoUser();
    user.getMetadata().setName(name);
    user.getMetadata().setNamespace(namespace);
    user.getMetadata().setUid("uid-" + namespace + "-" + name);
    user.getMetadata().setGeneration(1L);
    user.getMetadata().setCreationTimestamp(clock.instant().toString());
    user.setSpec(spec);
    passwords.put(namespace + "/" + name, "Passw0rd-" + namespace + "-" + name + "!");
    cluster.add(user);
    clock.advance(Duration.ofSeconds(1));
    return user;
  }

  private void edit(CognitoUser user, Consumer<CognitoUserSpec> change) {
    change.accept(user.getSpec());
    user.getMetadata().setGeneration(user.getMetadata().getGeneration() + 1);
  }

  /** One pass; its status is patched, as the reconciler does, and the cache sees it. */
  private SyncResult pass(CognitoUser user) {
    SyncResult result = sync.sync(user, secretOf(user));
    user.setStatus(result.status());
    clock.advance(Duration.ofSeconds(1));
    return result;
  }

  private Optional<Secret> secretOf(CognitoUser user) {
    String password =
        passwords.get(user.getMetadata().getNamespace() + "/" + user.getMetadata().getName());
    if (password == null) {
      return Optional.empty();
    }
    return Optional.of(
        new SecretBuilder()
            .withNewMetadata()
            .withName(user.getSpec().getPasswordSecretRef().getName())
            .withNamespace(user.getMetadata().getNamespace())
            .endMetadata()
            .withData(
                Map.of(
                    "password",
                    Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8))))
            .build());
  }

  private static String reason(SyncResult result) {
    return reason(result.status());
  }

  private static String reason(CognitoUserStatus status) {
    return status.condition("Ready").orElseThrow().getReason();
  }

  private static String message(SyncResult result) {
    return result.status().condition("Ready").orElseThrow().getMessage();
  }
}
