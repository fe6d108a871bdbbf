package dev.operator.cognito.it;

import static dev.operator.cognito.support.CognitoProxy.SET_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.DeletionPolicy;
import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.controller.CognitoUserController;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import dev.operator.cognito.support.TestPasswords;
import dev.operator.cognito.support.Untyped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile tenants against the ownership rule (DESIGN.md, "Who owns a Cognito user"): a CognitoUser
 * in one namespace tries to delete, write or learn about a Cognito user that a CognitoUser of
 * another namespace owns, through an edited username, another spelling of the user (its sub), an
 * older resource renamed onto it, or a re-targeted resource that carries what it managed before.
 *
 * <p>No grants here ({@code USER_POOL_GRANTS=optional}, where everything the grants could limit is
 * allowed): ownership must hold on its own. Each test reports every rule it finds broken at once.
 */
@OperatorTest(settings = {"USER_POOL_GRANTS=optional"})
class TenantIsolationIT {

  private static final String DELETE_USER = "AdminDeleteUser";

  private static OperatorHarness harness;
  private static Pool pool;

  @BeforeAll
  static void start() {
    pool = harness.cognito().createPool(OperatorHarness.uniqueName("tenants"));
    harness.cognito().createGroup(pool, "admins");
  }

  @Test
  void aCognitoUserEditedToAnotherTenantsUsernameCannotDeleteThatUser() {
    String teamA = harness.newNamespace("team-a");
    String teamB = harness.newNamespace("team-b");
    var alice = harness.manage(teamA, "alice", pool, true);
    harness.awaitReason(teamA, "alice", "PasswordSet");
    String decoy = OperatorHarness.uniqueName("decoy");
    harness.cognito().createUser(pool, decoy);
    manage(teamB, "decoy", decoy, s -> s.setDeletionPolicy(DeletionPolicy.Delete));
    harness.awaitReason(teamB, "decoy", "PasswordSet");
    awaitFinalizer(teamB, "decoy");

    harness.editUser(
        teamB,
        "decoy",
        u -> {
          u.getSpec().setUsername(alice.username());
          u.getSpec().setPasswordSecretRef(new PasswordSecretRef("no-such-secret", null));
        });
    harness.awaitReason(teamB, "decoy", "SecretNotFound");
    delete(teamB, "decoy");

    awaitGone(teamB, "decoy");
    SoftAssertions.assertSoftly(
        soft -> {
          harness.assertUntouched(soft, pool, alice);
          soft.assertThat(harness.cognito().exists(pool, decoy))
              .as("decoy, no longer named by team-b/decoy, is left alone")
              .isTrue();
        });
    // the Event outlives the CognitoUser here (Events are objects of their own)
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(harness.events(teamB, "decoy"))
                    .as("a Warning Event UserRetained on team-b/decoy")
                    .anySatisfy(
                        e -> {
                          assertThat(e.getType()).isEqualTo("Warning");
                          assertThat(e.getReason()).isEqualTo("UserRetained");
                        }));
  }

  @Test
  void aCognitoUserNamingAnotherTenantsUserByItsSubIsRefusedAndCannotDeleteIt() {
    String teamA = harness.newNamespace("team-a");
    String teamB = harness.newNamespace("team-b");
    var alice = harness.manage(teamA, "alice", pool, true);
    harness.awaitReason(teamA, "alice", "PasswordSet");
    String sub = harness.cognito().attributes(pool, alice.username()).get("sub");
    assertThat(sub).as("alice's sub").isNotBlank();

    manage(teamB, "subby", sub, s -> s.setDeletionPolicy(DeletionPolicy.Delete));

    CognitoUser refused = harness.awaitSettled(teamB, "subby");
    SoftAssertions.assertSoftly(
        soft -> {
          soft.assertThat(reason(refused)).as("Ready reason of team-b/subby").isEqualTo("Conflict");
          soft.assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), alice.username()))
              .as("AdminSetUserPassword calls for alice (the owner's only)")
              .isEqualTo(1);
          soft.assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), sub))
              .as("AdminSetUserPassword calls for alice's sub")
              .isZero();
        });

    delete(teamB, "subby");
    awaitGone(teamB, "subby");
    SoftAssertions.assertSoftly(
        soft -> {
          harness.assertUntouched(soft, pool, alice, sub);
        });
  }

  @Test
  void aCognitoUserThatNeverReadTheUserCannotDeleteItThroughItsSub() {
    String teamA = harness.newNamespace("team-a");
    String teamB = harness.newNamespace("team-b");
    var alice = harness.manage(teamA, "alice", pool, true);
    harness.awaitReason(teamA, "alice", "PasswordSet");
    String sub = harness.cognito().attributes(pool, alice.username()).get("sub");

    // no Secret: no pass reads the user, so nothing in status says whose it is
    harness.createUser(
        teamB,
        "unread",
        pool.id(),
        sub,
        "no-such-secret",
        null,
        true,
        s -> s.setDeletionPolicy(DeletionPolicy.Delete));
    harness.awaitReason(teamB, "unread", "SecretNotFound");
    awaitFinalizer(teamB, "unread");
    delete(teamB, "unread");

    awaitGone(teamB, "unread");
    SoftAssertions.assertSoftly(
        soft -> {
          harness.assertUntouched(soft, pool, alice, sub);
        });
  }

  @Test
  void groupsAndAttributesManagedOnOneUserAreNotTakenFromTheNextUserTheResourceNames() {
    String teamA = harness.newNamespace("team-a");
    String bob = OperatorHarness.uniqueName("bob");
    harness.cognito().createUser(pool, bob);
    manage(
        teamA,
        "bob",
        bob,
        s -> {
          s.setGroups(List.of("admins"));
          s.setAttributes(Map.of("name", "Bob"));
        });
    harness.awaitReason(teamA, "bob", "PasswordSet");
    assertThat(harness.cognito().groups(pool, bob)).contains("admins");
    // dave: put in admins, and named, by someone else
    String dave = OperatorHarness.uniqueName("dave");
    harness.cognito().createUser(pool, dave);
    harness.cognito().addUserToGroup(pool, dave, "admins");
    harness.cognito().setAttributes(pool, dave, Map.of("name", "Dave"));

    harness.editUser(
        teamA,
        "bob",
        u -> {
          u.getSpec().setUsername(dave);
          u.getSpec().setGroups(List.of());
          u.getSpec().setAttributes(Map.of());
        });

    CognitoUser retargeted = harness.awaitSettled(teamA, "bob");
    SoftAssertions.assertSoftly(
        soft -> {
          soft.assertThat(reason(retargeted))
              .as("Ready reason of team-a/bob on dave")
              .isEqualTo("PasswordSet");
          soft.assertThat(harness.cognito().groups(pool, dave))
              .as("dave's groups (someone else put him in admins)")
              .contains("admins");
          soft.assertThat(harness.cognito().attributes(pool, dave))
              .as("dave's attributes (someone else named him)")
              .containsEntry("name", "Dave");
          soft.assertThat(harness.proxy().calls("AdminRemoveUserFromGroup", pool.id(), dave))
              .as("AdminRemoveUserFromGroup calls for dave")
              .isZero();
          soft.assertThat(harness.proxy().calls("AdminDeleteUserAttributes", pool.id(), dave))
              .as("AdminDeleteUserAttributes calls for dave")
              .isZero();
        });
  }

  @Test
  void anOlderCognitoUserRenamedOntoAYoungerOwnersUserDoesNotTakeItOver() {
    String teamA = harness.newNamespace("team-a");
    String teamB = harness.newNamespace("team-b");
    var old = harness.manage(teamB, "old", pool, true);
    harness.awaitReason(teamB, "old", "PasswordSet");
    var young = harness.manage(teamA, "young", pool, true);
    harness.awaitReason(teamA, "young", "PasswordSet");

    harness.editUser(teamB, "old", u -> u.getSpec().setUsername(young.username()));
    CognitoUser renamed = harness.awaitSettled(teamB, "old");
    // the owner's next pass, read afresh, must still find it the owner
    String requested = harness.requestPass(teamA, "young");
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  requested.equals(
                      harness.user(teamA, "young").getStatus().getLastHandledReconcileAt()));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // a refused owner may not echo the request: its Ready reason, below, says what happened
    }

    SoftAssertions.assertSoftly(
        soft -> {
          soft.assertThat(reason(renamed)).as("Ready reason of team-b/old").isEqualTo("Conflict");
          soft.assertThat(harness.ready(teamA, "young").map(c -> c.getReason()))
              .as("Ready reason of team-a/young")
              .contains("PasswordSet");
          soft.assertThat(harness.cognito().signIn(pool, young.username(), young.password()))
              .as("younguser signs in with team-a's password")
              .isEqualTo(SignIn.ACCEPTED);
          soft.assertThat(harness.cognito().signIn(pool, young.username(), old.password()))
              .as("younguser does not sign in with team-b's password")
              .isEqualTo(SignIn.REFUSED);
          soft.assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), young.username()))
              .as("AdminSetUserPassword calls for younguser")
              .isEqualTo(1);
        });
  }

  @Test
  void aCognitoUserRefusedWithConflictLearnsNothingOfTheUserItDoesNotOwn() {
    String teamA = harness.newNamespace("team-a");
    String teamB = harness.newNamespace("team-b");
    String owned = OperatorHarness.uniqueName("olga");
    harness.cognito().createUser(pool, owned);
    manage(
        teamA,
        "olga",
        owned,
        s -> {
          s.setGroups(List.of("admins"));
          s.setAttributes(Map.of("name", "Olga"));
        });
    harness.awaitReason(teamA, "olga", "PasswordSet");
    String sub = harness.cognito().attributes(pool, owned).get("sub");

    manage(teamB, "by-name", owned, s -> {});
    manage(teamB, "by-sub", sub, s -> {});

    harness.awaitReason(teamB, "by-name", "Conflict");
    harness.awaitReason(teamB, "by-sub", "Conflict");
    SoftAssertions soft = new SoftAssertions();
    for (String peeker : List.of("by-name", "by-sub")) {
      var status = harness.user(teamB, peeker).getStatus();
      soft.assertThat(status.getSub()).as("%s: status.sub", peeker).isNull();
      soft.assertThat(status.getUserStatus()).as("%s: status.userStatus", peeker).isNull();
      soft.assertThat(status.getEnabled()).as("%s: status.enabled", peeker).isNull();
      soft.assertThat(status.getUserCreateDate()).as("%s: status.userCreateDate", peeker).isNull();
      soft.assertThat(status.getUserLastModifiedDate())
          .as("%s: status.userLastModifiedDate", peeker)
          .isNull();
      soft.assertThat(status.getCanonicalUsername())
          .as("%s: status.canonicalUsername", peeker)
          .isNull();
      soft.assertThat(status.getManagedGroups())
          .as("%s: status.managedGroups", peeker)
          .isNullOrEmpty();
      soft.assertThat(status.getManagedAttributes())
          .as("%s: status.managedAttributes", peeker)
          .isNullOrEmpty();
    }
    // whatever else a refused resource keeps (a claim to queue by, say) does not tell the user's
    // other spelling: neither its sub to the one that named it, nor its name to the one that used
    // the sub
    soft.assertThat(String.valueOf(Untyped.status(harness.kubernetes(), teamB, "by-name")))
        .as("by-name: the whole status")
        .doesNotContain(sub);
    soft.assertThat(String.valueOf(Untyped.status(harness.kubernetes(), teamB, "by-sub")))
        .as("by-sub: the whole status")
        .doesNotContain(owned);
    soft.assertAll();
  }

  /** A Secret with a fresh password and a CognitoUser in {@code namespace} for {@code username}. */
  private static String manage(
      String namespace, String name, String username, Consumer<CognitoUserSpec> more) {
    String password = TestPasswords.next();
    harness.putSecret(namespace, name + "-password", Map.of("password", password));
    harness.createUser(namespace, name, pool.id(), username, name + "-password", null, true, more);
    return password;
  }

  private static String reason(CognitoUser user) {
    return user.getStatus().condition("Ready").map(c -> c.getReason()).orElse(null);
  }

  private static void awaitFinalizer(String namespace, String name) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                harness
                    .user(namespace, name)
                    .getMetadata()
                    .getFinalizers()
                    .contains(CognitoUserController.FINALIZER));
  }

  private static void delete(String namespace, String name) {
    harness
        .kubernetes()
        .resources(CognitoUser.class)
        .inNamespace(namespace)
        .withName(name)
        .delete();
  }

  private static void awaitGone(String namespace, String name) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> harness.user(namespace, name) == null);
  }
}
