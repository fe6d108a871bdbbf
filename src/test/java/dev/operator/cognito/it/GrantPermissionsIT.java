package dev.operator.cognito.it;

import static dev.operator.cognito.support.CognitoProxy.SET_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.Condition;
import dev.operator.cognito.api.DeletionPolicy;
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
 * Hostile tenants against the UserPoolGrants ({@code USER_POOL_GRANTS=required}): a namespace that
 * loses a pool keeps no hold on its users and makes no further call, and a grant says what a tenant
 * may do in a pool (allowAdoption, allowDeletion, allowedGroups), refused before any write.
 *
 * <p>The grants are written as plain objects: their newer fields need not be in the Java model.
 */
@OperatorTest(settings = {"USER_POOL_GRANTS=required"})
class GrantPermissionsIT {

  private static final Duration CONVERGE = Duration.ofSeconds(20);

  private static OperatorHarness harness;
  private static Pool poolA;
  private static Pool poolB;

  @BeforeAll
  static void start() {
    poolA = harness.cognito().createPool(OperatorHarness.uniqueName("granted-a"));
    poolB = harness.cognito().createPool(OperatorHarness.uniqueName("granted-b"));
    harness.cognito().createGroup(poolA, "admins");
    harness.cognito().createGroup(poolA, "team-x");
  }

  @Test
  void aResourceMovedToAPoolItsNamespaceMayNotUseReservesNoUserThere() {
    String squatter = harness.newNamespace("squatter");
    String teamA = harness.newNamespace("team-a");
    grant(squatter, poolA, Map.of());
    grant(teamA, poolB, Map.of());
    String carol = OperatorHarness.uniqueName("carol");
    harness.cognito().createUser(poolA, carol);
    harness.cognito().createUser(poolB, carol);
    cognitoUser(squatter, "carol", poolA, carol, s -> {});
    harness.awaitReason(squatter, "carol", "PasswordSet");
    // the CRD forbids the move; the operator must be safe where the CRD predates that rule
    harness
        .realCluster()
        .withoutCelRules(
            () -> harness.editUser(squatter, "carol", u -> u.getSpec().setUserPoolId(poolB.id())));
    harness.awaitReason(squatter, "carol", "PoolNotAllowed");

    String password = cognitoUser(teamA, "carol", poolB, carol, s -> {});

    SoftAssertions.assertSoftly(
        soft -> {
          soft.assertThat(harness.reasonWithin(teamA, "carol", "PasswordSet", CONVERGE))
              .as("Ready reason of team-a/carol (pool B)")
              .contains("PasswordSet");
          soft.assertThat(harness.cognito().signIn(poolB, carol, password))
              .as("carol in pool B signs in with team-a's password")
              .isEqualTo(SignIn.ACCEPTED);
        });
  }

  @Test
  void aResourceRefusedItsPoolKeepsNothingOfTheUserItNamedBefore() {
    String squatter = harness.newNamespace("squatter");
    grant(squatter, poolA, Map.of());
    String cora = OperatorHarness.uniqueName("cora");
    harness.cognito().createUser(poolA, cora);
    harness.cognito().createUser(poolB, cora);
    cognitoUser(squatter, "cora", poolA, cora, s -> {});
    harness.awaitReason(squatter, "cora", "PasswordSet");

    // the CRD forbids the move; the operator must be safe where the CRD predates that rule
    harness
        .realCluster()
        .withoutCelRules(
            () -> harness.editUser(squatter, "cora", u -> u.getSpec().setUserPoolId(poolB.id())));
    harness.awaitReason(squatter, "cora", "PoolNotAllowed");
    var status = harness.awaitSettled(squatter, "cora").getStatus();

    SoftAssertions.assertSoftly(
        soft -> {
          soft.assertThat(status.getSub()).as("status.sub").isNull();
          soft.assertThat(status.getUserStatus()).as("status.userStatus").isNull();
          soft.assertThat(status.getCanonicalUsername()).as("status.canonicalUsername").isNull();
          soft.assertThat(status.getEnabled()).as("status.enabled").isNull();
          soft.assertThat(status.getUserCreateDate()).as("status.userCreateDate").isNull();
          soft.assertThat(status.getUserLastModifiedDate())
              .as("status.userLastModifiedDate")
              .isNull();
        });
  }

  @Test
  void aNamespaceWhoseGrantIsDeletedMakesNoFurtherCallForItsUsers() {
    String ns = harness.newNamespace("ungranted");
    String grant = grant(ns, poolA, Map.of());
    var user = harness.manage(ns, "uri", poolA, true);
    harness.awaitReason(ns, "uri", "PasswordSet");

    Untyped.deleteGrant(harness.kubernetes(), grant);
    harness.awaitReason(ns, "uri", "PoolNotAllowed");
    int calls = harness.proxy().operations(poolA.id(), user.username()).size();

    harness.setSecretKey(ns, "uri-password", "password", TestPasswords.next());
    harness.requestPass(ns, "uri");
    Awaitility.await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(8))
        .until(() -> harness.proxy().operations(poolA.id(), user.username()).size() == calls);
    assertThat(harness.ready(ns, "uri").map(Condition::getReason)).contains("PoolNotAllowed");
    assertThat(harness.cognito().signIn(poolA, user.username(), user.password()))
        .as("the password set under the grant still works: nothing was written since")
        .isEqualTo(SignIn.ACCEPTED);
  }

  @Test
  void deletionPolicyDeleteIsRefusedWithoutAllowDeletionAndTheUserIsKept() {
    String ns = harness.newNamespace("no-delete");
    grant(ns, poolA, Map.of());
    String dora = OperatorHarness.uniqueName("dora");
    harness.cognito().createUser(poolA, dora);
    cognitoUser(ns, "dora", poolA, dora, s -> s.setDeletionPolicy(DeletionPolicy.Delete));

    CognitoUser refused = harness.awaitSettled(ns, "dora");
    SoftAssertions.assertSoftly(
        soft -> {
          soft.assertThat(reason(refused)).as("Ready reason").isEqualTo("ForbiddenByGrant");
          soft.assertThat(message(refused)).as("Ready message").contains("allowDeletion");
          soft.assertThat(harness.proxy().operations(poolA.id(), dora))
              .as("Cognito calls for dora")
              .isEmpty();
        });

    delete(ns, "dora");
    Awaitility.await().atMost(CONVERGE).until(() -> harness.user(ns, "dora") == null);
    assertThat(harness.cognito().exists(poolA, dora)).as("dora is kept in Cognito").isTrue();
    assertThat(harness.proxy().calls("AdminDeleteUser", poolA.id(), dora)).isZero();
  }

  @Test
  void deletionPolicyDeleteDeletesTheUserWhereTheGrantAllowsDeletion() {
    String ns = harness.newNamespace("may-delete");
    grant(ns, poolA, Map.of("allowDeletion", true));
    String dean = OperatorHarness.uniqueName("dean");
    harness.cognito().createUser(poolA, dean);
    cognitoUser(ns, "dean", poolA, dean, s -> s.setDeletionPolicy(DeletionPolicy.Delete));
    harness.awaitReason(ns, "dean", "PasswordSet");
    Awaitility.await()
        .atMost(CONVERGE)
        .until(
            () ->
                harness
                    .user(ns, "dean")
                    .getMetadata()
                    .getFinalizers()
                    .contains(CognitoUserController.FINALIZER));

    delete(ns, "dean");
    Awaitility.await().atMost(CONVERGE).until(() -> harness.user(ns, "dean") == null);
    assertThat(harness.cognito().exists(poolA, dean)).as("dean is deleted from Cognito").isFalse();
  }

  @Test
  void groupsOutsideTheGrantsAllowedGroupsAreRefusedAndThoseInsideAreSet() {
    String ns = harness.newNamespace("groups");
    grant(ns, poolA, Map.of("allowedGroups", List.of("team-*")));
    String gus = OperatorHarness.uniqueName("gus");
    harness.cognito().createUser(poolA, gus);
    cognitoUser(ns, "gus", poolA, gus, s -> s.setGroups(List.of("admins")));

    CognitoUser refused = harness.awaitSettled(ns, "gus");
    SoftAssertions.assertSoftly(
        soft -> {
          soft.assertThat(reason(refused)).as("Ready reason").isEqualTo("ForbiddenByGrant");
          soft.assertThat(message(refused)).as("Ready message").contains("allowedGroups");
          soft.assertThat(harness.proxy().calls("AdminAddUserToGroup", poolA.id(), gus))
              .as("AdminAddUserToGroup calls for gus")
              .isZero();
          soft.assertThat(harness.cognito().groups(poolA, gus)).as("gus's groups").isEmpty();
        });

    harness.editUser(ns, "gus", u -> u.getSpec().setGroups(List.of("team-x")));
    assertThat(harness.reasonWithin(ns, "gus", "PasswordSet", CONVERGE))
        .as("Ready reason with groups [team-x]")
        .contains("PasswordSet");
    assertThat(harness.cognito().groups(poolA, gus)).contains("team-x").doesNotContain("admins");
  }

  @Test
  void withoutAllowAdoptionAnExistingUserIsRefusedAndANewOneIsCreated() {
    String ns = harness.newNamespace("no-adoption");
    grant(ns, poolA, Map.of("allowAdoption", false));
    String existing = OperatorHarness.uniqueName("ada");
    harness.cognito().createUser(poolA, existing);
    cognitoUser(ns, "ada", poolA, existing, s -> {});
    String fresh = OperatorHarness.uniqueName("neil");
    String freshPassword = cognitoUser(ns, "neil", poolA, fresh, s -> {});

    CognitoUser refused = harness.awaitSettled(ns, "ada");
    SoftAssertions.assertSoftly(
        soft -> {
          soft.assertThat(reason(refused)).as("Ready reason of ada").isEqualTo("ForbiddenByGrant");
          soft.assertThat(message(refused)).as("Ready message of ada").contains("allowAdoption");
          soft.assertThat(harness.proxy().calls(SET_PASSWORD, poolA.id(), existing))
              .as("AdminSetUserPassword calls for ada")
              .isZero();
        });
    assertThat(harness.reasonWithin(ns, "neil", "PasswordSet", CONVERGE))
        .as("Ready reason of neil, a user the operator creates")
        .contains("PasswordSet");
    assertThat(harness.cognito().signIn(poolA, fresh, freshPassword)).isEqualTo(SignIn.ACCEPTED);
  }

  /** A grant of {@code pool} to {@code namespace} with {@code more} spec fields; its name. */
  private static String grant(String namespace, Pool pool, Map<String, Object> more) {
    String name = OperatorHarness.uniqueName("grant");
    Untyped.grant(harness.kubernetes(), name, List.of(namespace), List.of(pool.id()), more);
    return name;
  }

  /** A Secret with a fresh password and a CognitoUser for it; the password. */
  private static String cognitoUser(
      String namespace, String name, Pool pool, String username, Consumer<CognitoUserSpec> more) {
    String password = TestPasswords.next();
    harness.putSecret(namespace, name + "-password", Map.of("password", password));
    harness.createUser(namespace, name, pool.id(), username, name + "-password", null, true, more);
    return password;
  }

  private static String reason(CognitoUser user) {
    return user.getStatus().condition("Ready").map(Condition::getReason).orElse(null);
  }

  private static String message(CognitoUser user) {
    return user.getStatus().condition("Ready").map(Condition::getMessage).orElse("");
  }

  private static void delete(String namespace, String name) {
    harness
        .kubernetes()
        .resources(CognitoUser.class)
        .inNamespace(namespace)
        .withName(name)
        .delete();
  }
}
