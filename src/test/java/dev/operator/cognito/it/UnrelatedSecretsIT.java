package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.reconciler.CognitoUserReconciler;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestPasswords;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's Secret cache holds nothing of any Secret's values: not the data, not the copy of
 * it that {@code kubectl apply} leaves in the last-applied annotation, neither for a Secret no
 * CognitoUser references nor for one that is referenced (that one is read when reconciling).
 */
class UnrelatedSecretsIT {

  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static OperatorHarness harness;

  @BeforeAll
  static void start() {
    harness = OperatorHarness.start(Map.of());
  }

  @AfterAll
  static void stop() {
    OperatorHarness.checkForLeaksAndClose(harness);
  }

  @Test
  void noSecretValueReachesTheCache() {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("unrelated"));
    String ns = harness.newNamespace("unrelated");
    String unrelatedValue = TestPasswords.next();
    Secret unrelated =
        new SecretBuilder()
            .withNewMetadata()
            .withName("database-credentials")
            .withNamespace(ns)
            .addToLabels("app", "db")
            .addToAnnotations(
                LAST_APPLIED,
                "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"stringData\":{\"password\":\""
                    + unrelatedValue
                    + "\"}}")
            .endMetadata()
            .addToData("password", OperatorHarness.base64(unrelatedValue))
            .build();
    harness.kubernetes().resource(unrelated).create();
    harness.manage(ns, "mona", pool, true);
    harness.awaitReason(ns, "mona", "PasswordSet");

    InformerEventSource<Secret, ?> cache = secretCache();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cache.list(ns).anyMatch(s -> "database-credentials".equals(name(s))));

    List<Secret> cached = cache.list(ns).toList();
    assertThat(cached).extracting(UnrelatedSecretsIT::name).contains("mona-password");
    // booleans only: a failure must not print what it found
    for (Secret secret : cached) {
      assertThat(isEmpty(secret.getData())).as("%s has data in the cache", name(secret)).isTrue();
      assertThat(isEmpty(secret.getStringData()))
          .as("%s has stringData in the cache", name(secret))
          .isTrue();
      assertThat(
              secret.getMetadata().getAnnotations() != null
                  && secret.getMetadata().getAnnotations().containsKey(LAST_APPLIED))
          .as("%s keeps its last-applied annotation in the cache", name(secret))
          .isFalse();
      assertThat(secret.toString().contains(unrelatedValue))
          .as("the unrelated value appears in the cached %s", name(secret))
          .isFalse();
    }
  }

  private static boolean isEmpty(Map<String, String> values) {
    return values == null || values.isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static InformerEventSource<Secret, ?> secretCache() {
    var controller =
        harness
            .operator()
            .framework()
            .getRegisteredController(CognitoUserReconciler.NAME)
            .orElseThrow();
    return (InformerEventSource<Secret, ?>)
        controller.getControllerHealthInfo().eventSourceHealthIndicators().get("password-secrets");
  }

  private static String name(Secret secret) {
    return secret.getMetadata().getName();
  }
}
