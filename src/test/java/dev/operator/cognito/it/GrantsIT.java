package dev.operator.cognito.it;

import static dev.operator.cognito.support.CognitoProxy.GET_USER;
import static dev.operator.cognito.support.CognitoProxy.SET_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.Condition;
import dev.operator.cognito.api.UserPoolGrant;
import dev.operator.cognito.support.Grants;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestPasswords;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The administrators' UserPoolGrants, tried as tenants would try to get around them: a namespace
 * manages only the pools its grants give it, under the grant's AWS role, and a refused CognitoUser
 * makes no Cognito call of any kind. Grants apply without a restart.
 */
@OperatorTest
class GrantsIT {

  private static final String ROLE = "arn:aws:iam::222233334444:role/cognito-team-r";
  private static final String ROLE_KEY = "ASIATEAMRROLEKEY0001";

  private static OperatorHarness harness;

  @BeforeAll
  static void start() {
    harness.sts().allow(ROLE, ROLE_KEY);
  }

  @Test
  void aGrantedNamespaceManagesOnlyItsPoolsAndOthersAreUntouched() {
    Pool granted = pool();
    Pool production = pool();
    String tenant = harness.newNamespace("tenant");
    String elsewhere = harness.newNamespace("elsewhere");
    grant("tenant-pools", List.of(tenant), null, List.of(granted.id()), null);

    harness.manage(tenant, "mine", granted, true);
    String admin = harness.manage(tenant, "admin", production, true).username();
    harness.manage(elsewhere, "other", production, true);

    harness.awaitReason(tenant, "mine", "PasswordSet");
    CognitoUser refused = harness.awaitReason(tenant, "admin", "PoolNotAllowed");
    assertThat(ready(refused).getMessage()).contains(production.id()).contains("tenant-pools");
    assertThat(refused.getStatus().condition("Stalled").map(Condition::getStatus)).contains("True");
    harness.awaitReason(elsewhere, "other", "PasswordSet");
    assertThat(harness.proxy().calls(SET_PASSWORD, production.id(), admin)).isZero();
    assertThat(harness.proxy().calls(GET_USER, production.id(), admin)).isZero();
  }

  @Test
  void aGrantsRoleSignsItsNamespacesCallsAndNoOneElses() {
    Pool pool = pool();
    String team = harness.newNamespace("team-r");
    String other = harness.newNamespace("not-r");
    grant("team-r", List.of(team), null, List.of(pool.id()), ROLE);

    String inTeam = harness.manage(team, "rita", pool, true).username();
    String outside = harness.manage(other, "otto", pool, true).username();

    harness.awaitReason(team, "rita", "PasswordSet");
    harness.awaitReason(other, "otto", "PasswordSet");
    assertThat(harness.proxy().accessKeys(SET_PASSWORD, pool.id(), inTeam)).containsOnly(ROLE_KEY);
    assertThat(harness.proxy().accessKeys(SET_PASSWORD, pool.id(), outside))
        .containsOnly(TestCognito.CREDENTIALS.accessKeyId());
    assertThat(harness.sts().sessionNames()).contains("cognito-user-operator-" + team);
  }

  @Test
  void aRoleThatCannotBeAssumedIsNamedAndTwoRolesForOnePoolConflict() {
    Pool pool = pool();
    String denied = harness.newNamespace("denied");
    String torn = harness.newNamespace("torn");
    String deniedRole = "arn:aws:iam::222233334444:role/not-trusted";
    grant("denied", List.of(denied), null, List.of(pool.id()), deniedRole);
    grant("torn-1", List.of(torn), null, List.of(pool.id()), ROLE);
    grant("torn-2", List.of(torn), null, List.of("us-east-1_*"), null);

    harness.manage(denied, "dora", pool, true);
    String tornUser = harness.manage(torn, "tom", pool, true).username();

    assertThat(ready(harness.awaitReason(denied, "dora", "AccessDenied")).getMessage())
        .contains(deniedRole);
    assertThat(ready(harness.awaitReason(torn, "tom", "GrantConflict")).getMessage())
        .contains("torn-1")
        .contains("torn-2");
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), tornUser)).isZero();
  }

  @Test
  void grantChangesApplyWithoutARestart() {
    Pool pool = pool();
    String ns = harness.newNamespace("regrant");
    grant("regrant", List.of(ns), null, List.of("us-west-2_NotYours"), null);
    var user = harness.manage(ns, "bea", pool, true);
    harness.awaitReason(ns, "bea", "PoolNotAllowed");

    // the administrator grants the pool: the user converges, no restart, no edit of its own
    editGrant("regrant", List.of(pool.id()));
    harness.awaitReason(ns, "bea", "PasswordSet");
    int writes = harness.proxy().calls(SET_PASSWORD, pool.id(), user.username());

    // and takes it back: refused again at once, and a rotation is not written
    editGrant("regrant", List.of("us-west-2_NotYours"));
    harness.awaitReason(ns, "bea", "PoolNotAllowed");
    harness.setSecretKey(ns, "bea-password", "password", TestPasswords.next());
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> harness.proxy().calls(SET_PASSWORD, pool.id(), user.username()) == writes);
  }

  private static void editGrant(String name, List<String> pools) {
    harness
        .kubernetes()
        .resources(UserPoolGrant.class)
        .withName(name)
        .edit(
            g -> {
              g.getSpec().setUserPools(pools);
              return g;
            });
  }

  private static Pool pool() {
    return harness.cognito().createPool(OperatorHarness.uniqueName("grants"));
  }

  private static UserPoolGrant grant(
      String name,
      List<String> namespaces,
      Map<String, String> selector,
      List<String> pools,
      String role) {
    return harness
        .kubernetes()
        .resource(Grants.grant(name, namespaces, selector, pools, role))
        .create();
  }

  private static Condition ready(CognitoUser user) {
    return user.getStatus().condition("Ready").orElseThrow();
  }
}
