package dev.operator.cognito.it;

import static dev.operator.cognito.support.CognitoProxy.GET_USER;
import static dev.operator.cognito.support.CognitoProxy.SET_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.support.Grants;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** USER_POOL_GRANTS=required, the secure setup for a shared cluster: no grant, no pool. */
@OperatorTest(settings = {"USER_POOL_GRANTS=required"})
class GrantsRequiredIT {

  private static OperatorHarness harness;

  @Test
  void aNamespaceNoGrantSelectsMayUseNoPoolUntilItIsLabelledIntoOne() {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("required"));
    String ns = harness.newNamespace("unlabelled");
    harness
        .kubernetes()
        .resource(
            Grants.grant("blue", List.of(), Map.of("tenant", "blue"), List.of(pool.id()), null))
        .create();

    String username = harness.manage(ns, "uma", pool, true).username();

    assertThat(harness.awaitReason(ns, "uma", "PoolNotAllowed").getStatus().condition("Ready"))
        .hasValueSatisfying(c -> assertThat(c.getMessage()).contains("USER_POOL_GRANTS=required"));
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), username)).isZero();
    assertThat(harness.proxy().calls(GET_USER, pool.id(), username)).isZero();

    // an administrator labels the namespace into the grant: no restart, no edit of the user
    label(ns, "blue");
    harness.awaitReason(ns, "uma", "PasswordSet");

    // and out of it again
    label(ns, "green");
    harness.awaitReason(ns, "uma", "PoolNotAllowed");
  }

  private static void label(String namespace, String tenant) {
    harness
        .kubernetes()
        .namespaces()
        .withName(namespace)
        .edit(
            n -> {
              n.getMetadata().setLabels(Map.of("tenant", tenant));
              return n;
            });
  }
}
