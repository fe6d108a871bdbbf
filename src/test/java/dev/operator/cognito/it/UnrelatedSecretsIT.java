package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.controller.CognitoUserController;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestPasswords;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The operator's Secret cache holds nothing of any Secret's values: a Secret no CognitoUser
 * references is not kept at all, and one that is referenced is kept without its data and without
 * the copy of it that {@code kubectl apply} leaves in the last-applied annotation (the password is
 * read from the API server when reconciling). A Secret that becomes referenced after it was let
 * through still reaches Cognito, and is kept from its next change on.
 */
@OperatorTest
class UnrelatedSecretsIT {

  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static OperatorHarness harness;

  @Test
  void noSecretValueReachesTheCache() {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("unrelated"));
    String ns = harness.newNamespace("unrelated");
    String unrelatedValue = TestPasswords.next();
    harness
        .kubernetes()
        .resource(appliedSecret(ns, "database-credentials", unrelatedValue))
        .create();
    harness.manage(ns, "mona", pool, true);
    harness.awaitReason(ns, "mona", "PasswordSet");

    InformerEventSource<Secret, ?> cache = secretCache();
    // mona's Secret came before mona: it is kept from its next event on. One informer delivers
    // in order, so once it is cached, the unrelated Secret's event was seen too.
    harness.setSecretKey(ns, "mona-password", "password", TestPasswords.next());
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cache.list(ns).anyMatch(s -> "mona-password".equals(name(s))));
    assertThat(cache.list(ns).map(UnrelatedSecretsIT::name)).containsExactly("mona-password");

    // a Secret applied before anything referenced it: the first pass reads it from the API server
    String username = OperatorHarness.uniqueName("nina");
    harness.cognito().createUser(pool, username);
    harness.createUser(ns, "nina", pool.id(), username, "database-credentials");
    harness.awaitReason(ns, "nina", "PasswordSet");
    assertThat(harness.cognito().signIn(pool, username, unrelatedValue))
        .isEqualTo(TestCognito.SignIn.ACCEPTED);

    // its next change reaches Cognito, and from then on it is cached, without its values
    String rotated = TestPasswords.next();
    harness.kubernetes().resource(appliedSecret(ns, "database-credentials", rotated)).update();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> harness.cognito().signIn(pool, username, rotated) == TestCognito.SignIn.ACCEPTED);
    assertThat(cache.list(ns).map(UnrelatedSecretsIT::name))
        .containsExactlyInAnyOrder("mona-password", "database-credentials");
    for (Secret secret : cache.list(ns).toList()) {
      // booleans only: a failure must not print what it found
      assertThat(isEmpty(secret.getData())).as("%s has data in the cache", name(secret)).isTrue();
      assertThat(isEmpty(secret.getStringData()))
          .as("%s has stringData in the cache", name(secret))
          .isTrue();
      assertThat(
              secret.getMetadata().getAnnotations() != null
                  && secret.getMetadata().getAnnotations().containsKey(LAST_APPLIED))
          .as("%s keeps its last-applied annotation in the cache", name(secret))
          .isFalse();
      assertThat(secret.toString().contains(unrelatedValue) || secret.toString().contains(rotated))
          .as("a value appears in the cached %s", name(secret))
          .isFalse();
    }
  }

  /** A Secret as kubectl apply leaves it: its values also in the last-applied annotation. */
  private static Secret appliedSecret(String ns, String name, String value) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns)
        .addToLabels("app", "db")
        .addToAnnotations(
            LAST_APPLIED,
            "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"stringData\":{\"password\":\""
                + value
                + "\"}}")
        .endMetadata()
        .addToData("password", OperatorHarness.base64(value))
        .build();
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
            .getRegisteredController(CognitoUserController.NAME)
            .orElseThrow();
    return (InformerEventSource<Secret, ?>)
        controller.getControllerHealthInfo().eventSourceHealthIndicators().get("password-secrets");
  }

  private static String name(Secret secret) {
    return secret.getMetadata().getName();
  }
}
