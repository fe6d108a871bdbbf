package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.support.ApiServerKind;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import dev.operator.cognito.support.TestPasswords;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One object the operator cannot read must not stop it: CognitoUsers written for a newer CRD (an
 * unknown field; a field of another shape) are there before the operator starts, beside ordinary
 * ones. And if the framework does stop, the probes say so.
 */
@OperatorTest(
    operator = false,
    apiServer = ApiServerKind.MEMORY,
    inMemoryBecause =
        "a real server's schema would refuse (or prune) the newer CRD's objects it stores")
class UnreadableObjectIT {

  private static OperatorHarness harness;
  private static Pool pool;
  private static String ns;
  private static OperatorHarness.ManagedUser ordinary;
  private static String futureUsername;
  private static String misshapenUsername;

  @BeforeAll
  static void start() {
    pool = harness.cognito().createPool(OperatorHarness.uniqueName("unreadable"));
    ns = harness.newNamespace("unreadable");
    ordinary = harness.manage(ns, "ordinary", pool, true);
    futureUsername = OperatorHarness.uniqueName("future");
    harness.cognito().createUser(pool, futureUsername);
    harness.putSecret(ns, "future-password", Map.of("password", TestPasswords.next()));
    create(
        "from-the-future",
        Map.of(
            "userPoolId", pool.id(),
            "username", futureUsername,
            // fields a later version may add (rotation and mfa were such, until they came)
            "passwordSecretRef", Map.of("name", "future-password", "expiresEvery", "weekly"),
            "webAuthn", Map.of("required", true)));
    misshapenUsername = OperatorHarness.uniqueName("misshapen");
    create(
        "misshapen",
        Map.of(
            "userPoolId",
            pool.id(),
            "username",
            misshapenUsername,
            "passwordSecretRef",
            Map.of("name", "future-password"),
            "attributes",
            "email=a@example.com"));
    harness.startOperator();
  }

  @Test
  void unknownFieldsAreToleratedAndAMisshapenObjectIsReportedAndSkipped() {
    harness.awaitReason(ns, "ordinary", "PasswordSet");
    assertThat(harness.cognito().signIn(pool, ordinary.username(), ordinary.password()))
        .isEqualTo(SignIn.ACCEPTED);
    harness.awaitReason(ns, "from-the-future", "PasswordSet");

    CognitoUser misshapen = harness.awaitReason(ns, "misshapen", "InvalidSpec");
    assertThat(misshapen.getStatus().getConditions())
        .filteredOn(c -> c.getType().equals("Ready"))
        .singleElement()
        .satisfies(c -> assertThat(c.getMessage()).contains("spec.attributes"));
    assertThat(harness.proxy().operations(pool.id(), misshapenUsername))
        .as("no call for an object the operator cannot read")
        .isEmpty();
    assertThat(OperatorHarness.get(harness.httpPort(), "/readyz")).startsWith("ready");
  }

  @Test
  void aFrameworkThatStopsOnItsOwnIsReportedByTheProbes() {
    harness.awaitReason(ns, "ordinary", "PasswordSet");
    assertThat(OperatorHarness.get(harness.httpPort(), "/healthz")).isEqualTo("ok\n");

    // as JOSDK does when an informer cannot start
    harness.operator().framework().stop();

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> OperatorHarness.get(harness.httpPort(), "/healthz").equals("stopped\n"));
    assertThat(OperatorHarness.get(harness.httpPort(), "/readyz"))
        .isEqualTo("not ready: the operator framework stopped\n");
  }

  private static void create(String name, Map<String, Object> spec) {
    GenericKubernetesResource user =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("cognito.operator.dev/v1alpha1")
            .withKind("CognitoUser")
            .withNewMetadata()
            .withName(name)
            .withNamespace(ns)
            .endMetadata()
            .addToAdditionalProperties("spec", spec)
            .build();
    harness.kubernetes().resource(user).create();
  }
}
