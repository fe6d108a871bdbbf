package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.operator.cognito.CognitoUserOperator;
import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.aws.CognitoClients;
import dev.operator.cognito.config.EnvironmentConfig;
import dev.operator.cognito.deploy.Manifests;
import dev.operator.cognito.support.CognitoLocal;
import dev.operator.cognito.support.CognitoProxy;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.RequiresLocalImage;
import dev.operator.cognito.support.TestCognito;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import dev.operator.cognito.support.TestPasswords;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * End to end on a real API server (k3s): the install's objects from the Kustomize base (what {@code
 * kubectl apply -k deploy/} creates, less the Deployment, whose image cannot be built here), the
 * CRD's validation and defaults as a cluster applies them, and the operator running under its own
 * ServiceAccount's token, not as cluster-admin, so that the shipped RBAC is what it gets. Needs a
 * Docker engine that already holds the k3s image; skipped, with the reason, without.
 */
@RequiresLocalImage.Image(K3sEndToEndIT.K3S_IMAGE)
class K3sEndToEndIT {

  static final String K3S_IMAGE = "rancher/k3s:v1.31.4-k3s1";

  private static K3sContainer k3s;
  private static KubernetesClient client;
  private static KubernetesClient operatorClient;
  private static CognitoProxy proxy;
  private static TestCognito cognito;
  private static CognitoUserOperator operator;

  @BeforeAll
  static void start() throws Exception {
    k3s = new K3sContainer(DockerImageName.parse(K3S_IMAGE));
    k3s.start();
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml()))
            .build();
    for (JsonNode object : Manifests.kustomizeBase().all()) {
      if (!"Deployment".equals(object.path("kind").asText())) {
        client.resource(object.toString()).create();
      }
    }
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("cognitousers." + CognitoUser.GROUP)
        .waitUntilCondition(
            crd ->
                crd.getStatus() != null
                    && crd.getStatus().getConditions().stream()
                        .anyMatch(
                            c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())),
            60,
            TimeUnit.SECONDS);
    String token =
        client
            .serviceAccounts()
            .inNamespace(OperatorHarness.OPERATOR_NAMESPACE)
            .withName("cognito-user-operator")
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    operatorClient =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder(Config.fromKubeconfig(k3s.getKubeConfigYaml()))
                    .withClientCertData(null)
                    .withClientKeyData(null)
                    .withOauthToken(token)
                    .build())
            .build();
    proxy = new CognitoProxy(CognitoLocal.endpoint());
    cognito = new TestCognito(CognitoLocal.endpoint());
    operator =
        CognitoUserOperator.start(
            EnvironmentConfig.from(OperatorHarness.testSettings(Map.of("LEADER_ELECTION", "true"))),
            operatorClient,
            new CognitoClients(
                Duration.ofSeconds(5),
                Optional.of(proxy.endpoint()),
                Optional.of(StaticCredentialsProvider.create(TestCognito.CREDENTIALS))),
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (cognito != null) {
      cognito.close();
    }
    if (operatorClient != null) {
      operatorClient.close();
    }
    if (client != null) {
      client.close();
    }
    if (k3s != null) {
      k3s.stop();
    }
  }

  @Test
  void theApiServerRefusesInvalidUsersAndAppliesDefaults() {
    CognitoUser noUsername = user("no-username", "us-west-2_EXAMPLE", null, "secret");
    CognitoUser badPool = user("bad-pool", "not a pool id", "diego", "secret");
    CognitoUser valid = user("valid", "us-west-2_EXAMPLE", "diego", "secret");

    assertThatThrownBy(() -> client.resource(noUsername).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
    assertThatThrownBy(() -> client.resource(badPool).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
    CognitoUser created = client.resource(valid).create();
    assertThat(created.getSpec().getPasswordSecretRef().getKey()).isEqualTo("password");
    assertThat(created.getSpec().getPermanent()).isTrue();
  }

  @Test
  void theOperatorSetsThePasswordOnARealCluster() {
    Pool pool = cognito.createPool(OperatorHarness.uniqueName("k3s"));
    String username = OperatorHarness.uniqueName("olga");
    String password = TestPasswords.next();
    cognito.createUser(pool, username);
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("olga-password")
                .withNamespace("default")
                .endMetadata()
                .withStringData(Map.of("password", password))
                .build())
        .create();

    client.resource(user("olga", pool.id(), username, "olga-password")).create();

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .resources(CognitoUser.class)
                            .inNamespace("default")
                            .withName("olga")
                            .get()
                            .getStatus()
                            .condition("Ready")
                            .orElseThrow()
                            .getReason())
                    .isEqualTo("PasswordSet"));
    assertThat(cognito.signIn(pool, username, password)).isEqualTo(SignIn.ACCEPTED);
  }

  private static CognitoUser user(String name, String pool, String username, String secret) {
    CognitoUserSpec spec = new CognitoUserSpec();
    spec.setUserPoolId(pool);
    spec.setUsername(username);
    spec.setPasswordSecretRef(new PasswordSecretRef(secret, null));
    CognitoUser user = new CognitoUser();
    user.getMetadata().setName(name);
    user.getMetadata().setNamespace("default");
    user.setSpec(spec);
    return user;
  }
}
