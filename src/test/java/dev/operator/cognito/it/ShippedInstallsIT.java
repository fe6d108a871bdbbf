package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.DeletionPolicy;
import dev.operator.cognito.support.Grants;
import dev.operator.cognito.support.Install;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.RealTestCluster.AuditedRequest;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import dev.operator.cognito.support.TestPasswords;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each shipped install (the Kustomize base, its namespaced overlay, the Helm chart), applied to a
 * real API server as a user applies it, with the operator under that install's ServiceAccount token
 * and its Deployment's settings: shipped defaults (grants required), leader election on. A whole
 * user's life, granted by a UserPoolGrant, must pass with the API server judging every request by
 * that install's RBAC; the harness then finds no refusal in the audit log. The rest of the suite
 * runs under the Kustomize base only.
 */
class ShippedInstallsIT {

  @ParameterizedTest
  @EnumSource(Install.class)
  void aUsersWholeLifePassesUnderTheInstallsRbac(Install install) {
    OperatorHarness harness =
        OperatorHarness.on(
            install, Map.of("USER_POOL_GRANTS", "required", "LEADER_ELECTION", "true"));
    try {
      harness.startOperator();
      // the namespaced overlay watches team-a and team-b only
      String ns = "team-a";
      harness.ensureNamespace(ns);
      Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("install"));
      var grant = Grants.grant("team-a", List.of(ns), null, List.of(pool.id()), null);
      grant.getSpec().setAllowDeletion(true);
      harness.kubernetes().resource(grant).create();

      var user = harness.manage(ns, "ivy", pool, true);
      harness.awaitReason(ns, "ivy", "PasswordSet");
      assertThat(harness.cognito().signIn(pool, user.username(), user.password()))
          .isEqualTo(SignIn.ACCEPTED);

      String rotated = TestPasswords.next();
      harness.setSecretKey(ns, "ivy-password", "password", rotated);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> harness.cognito().signIn(pool, user.username(), rotated) == SignIn.ACCEPTED);

      harness.editUser(ns, "ivy", u -> u.getSpec().setDeletionPolicy(DeletionPolicy.Delete));
      harness.awaitSettled(ns, "ivy");
      harness.kubernetes().resource(harness.user(ns, "ivy")).delete();
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> harness.user(ns, "ivy") == null);
      assertThat(harness.cognito().exists(pool, user.username())).isFalse();
      assertThat(harness.events(ns, "ivy")).as("Events the operator recorded").isNotEmpty();

      Set<String> kinds =
          harness.realCluster().operatorRequests().stream()
              .filter(r -> r.code() < 300)
              .map(AuditedRequest::resource)
              .collect(Collectors.toSet());
      assertThat(kinds)
          .as("what the operator did under its own identity")
          .contains("cognitousers", "secrets", "events", "leases", "userpoolgrants", "namespaces");
    } finally {
      OperatorHarness.checkForLeaksAndClose(harness);
    }
  }
}
