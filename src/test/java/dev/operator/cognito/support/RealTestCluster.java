package dev.operator.cognito.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * A real kube-apiserver and etcd ({@link RealApiServer}) with the operator installed as a user
 * installs it: the CRDs applied as {@code kubectl apply -f crds/} would, then one of the shipped
 * installs ({@link Install}: the Kustomize base by default) applied with kubectl, which creates the
 * operator's namespace, ServiceAccount and RBAC. The operator's clients carry a token of that
 * ServiceAccount (TokenRequest), so the API server itself judges every request by the shipped RBAC;
 * its audit log, which records the operator's requests with their metadata only (never a Secret's
 * data), shows afterwards whether any was refused.
 */
public final class RealTestCluster implements TestCluster {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OPERATOR = "cognito-user-operator";

  private final RealApiServer server;
  private final Path auditLog;
  private final String operatorUser;
  private final String token;
  private volatile boolean operatorIdentityHandedOut;
  private final List<java.time.Instant[]> refusalsExpected =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private RealTestCluster(RealApiServer server, Path auditLog, String operatorNamespace) {
    this.server = server;
    this.auditLog = auditLog;
    this.operatorUser = "system:serviceaccount:" + operatorNamespace + ":" + OPERATOR;
    this.token = token(server.client(), operatorNamespace);
  }

  /** Starts the server, applies the CRDs and {@code install}. */
  public static RealTestCluster start(Install install) {
    Path[] audit = new Path[1];
    RealApiServer server =
        RealApiServer.start(
            dir -> {
              audit[0] = auditFiles(dir);
              return List.of(
                  "--audit-policy-file=" + dir.resolve("audit-policy.yaml"),
                  "--audit-log-path=" + audit[0],
                  "--audit-log-format=json");
            });
    try {
      applyCrds(server);
      install.applyTo(server);
      return new RealTestCluster(server, audit[0], install.operatorNamespace());
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  /**
   * The audit policy (the operator's requests, metadata only; nothing else) and a fresh log file
   * for this server.
   */
  private static Path auditFiles(Path dir) {
    try {
      Files.writeString(
          dir.resolve("audit-policy.yaml"),
          String.join(
              "\n",
              "apiVersion: audit.k8s.io/v1",
              "kind: Policy",
              "omitStages: [RequestReceived, ResponseStarted]",
              "rules:",
              "  - level: Metadata",
              "    userGroups: [system:serviceaccounts]",
              "  - level: None",
              ""));
      return Files.createTempFile(dir, "audit-", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code kubectl apply -f crds/} with the server's own kubectl, then waits until both CRDs are
   * established; kubectl's output.
   */
  public static String applyCrds(RealApiServer server) {
    RealApiServer.Kubectl apply = server.kubectl("apply", "-f", "crds/");
    assertThat(apply.exitCode()).as("kubectl apply -f crds/: %s", apply.output()).isZero();
    for (String crd :
        List.of("cognitousers.cognito.operator.dev", "userpoolgrants.cognito.operator.dev")) {
      server
          .client()
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd)
          .waitUntilCondition(RealTestCluster::established, 60, TimeUnit.SECONDS);
    }
    return apply.output();
  }

  private static boolean established(
      io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static String token(KubernetesClient admin, String namespace) {
    TokenRequest request =
        new TokenRequestBuilder().withNewSpec().withExpirationSeconds(6L * 3600).endSpec().build();
    return admin
        .serviceAccounts()
        .inNamespace(namespace)
        .withName(OPERATOR)
        .tokenRequest(request)
        .getStatus()
        .getToken();
  }

  @Override
  public KubernetesClient client() {
    return server.client();
  }

  /** The server, for kubectl. */
  public RealApiServer server() {
    return server;
  }

  @Override
  public KubernetesClient newOperatorClient() {
    operatorIdentityHandedOut = true;
    Config admin = server.client().getConfiguration();
    Config operator =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(admin.getMasterUrl())
            .withCaCertFile(admin.getCaCertFile())
            .withCaCertData(admin.getCaCertData())
            .withOauthToken(token)
            .build();
    return new KubernetesClientBuilder().withConfig(operator).build();
  }

  @Override
  public String operatorKubeconfig() {
    operatorIdentityHandedOut = true;
    Config admin = server.client().getConfiguration();
    return JarRun.kubeconfig(admin.getMasterUrl(), admin.getCaCertFile(), token);
  }

  @Override
  public boolean servesStringData() {
    return true;
  }

  /**
   * Takes every rule on {@code resource} out of the operator's ClusterRole while {@code during}
   * runs (as an admin tightening RBAC would), then puts them back. The API server's refusals of
   * that time (and of a few seconds after, while in-flight requests end) are expected.
   */
  public void revokeWhile(String resource, Runnable during) {
    var roles = server.client().rbac().clusterRoles().withName(OPERATOR);
    var granted = roles.get();
    java.time.Instant[] window = {java.time.Instant.now(), null};
    refusalsExpected.add(window);
    roles.edit(
        role -> {
          role.getRules().removeIf(rule -> rule.getResources().contains(resource));
          return role;
        });
    try {
      during.run();
    } finally {
      roles.edit(
          role -> {
            role.setRules(granted.getRules());
            return role;
          });
      window[1] = java.time.Instant.now().plusSeconds(5);
    }
  }

  /**
   * Runs {@code edit} with the CognitoUser CRD's CEL rules (the immutable pool and region) taken
   * out, as on a cluster whose CRD predates them, then puts the shipped CRD back: for the tests of
   * the operator's own defences against a re-targeted resource, which must hold without the rules.
   */
  public void withoutCelRules(Runnable edit) {
    var crds = server.client().apiextensions().v1().customResourceDefinitions();
    var crd = crds.withName("cognitousers.cognito.operator.dev");
    var shipped = crd.get();
    crd.edit(
        d -> {
          d.getSpec()
              .getVersions()
              .forEach(
                  v -> {
                    var spec = v.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
                    spec.setXKubernetesValidations(null);
                    spec.getProperties().values().forEach(p -> p.setXKubernetesValidations(null));
                  });
          return d;
        });
    try {
      // the API server applies a CRD's new schema within moments, not at once
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(30))
          .ignoreExceptions()
          .untilAsserted(edit::run);
    } finally {
      crd.edit(
          d -> {
            d.setSpec(shipped.getSpec());
            return d;
          });
    }
  }

  private boolean expected(java.time.Instant received) {
    return refusalsExpected.stream()
        .anyMatch(w -> !received.isBefore(w[0]) && (w[1] == null || received.isBefore(w[1])));
  }

  /** What the audit log recorded of the operator's requests that ended. */
  public List<AuditedRequest> operatorRequests() {
    List<AuditedRequest> requests = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(auditLog)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode event = JSON.readTree(line);
        if (operatorUser.equals(event.path("user").path("username").asText())
            && !"ResponseStarted".equals(event.path("stage").asText())) {
          JsonNode ref = event.path("objectRef");
          requests.add(
              new AuditedRequest(
                  event.path("verb").asText(),
                  ref.path("resource").asText(),
                  ref.path("subresource").asText(null),
                  ref.path("namespace").asText(null),
                  ref.path("name").asText(null),
                  event.path("requestURI").asText(),
                  event.path("responseStatus").path("code").asInt(),
                  java.time.Instant.parse(event.path("requestReceivedTimestamp").asText())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return requests;
  }

  /** One request of the operator as the audit log has it: never a body. */
  public record AuditedRequest(
      String verb,
      String resource,
      String subresource,
      String namespace,
      String name,
      String uri,
      int code,
      java.time.Instant received) {

    public boolean refused() {
      return code == 403;
    }

    public String describe() {
      return verb + " " + uri + " -> " + code;
    }
  }

  @Override
  public void assertOperatorKeptToItsRbac(String operatorNamespace, String keySecret) {
    List<AuditedRequest> requests = operatorRequests();
    if (operatorIdentityHandedOut) {
      // else a misconfigured audit log would let every refusal pass unseen
      assertThat(requests).as("the operator's requests in the API server's audit log").isNotEmpty();
    }
    Set<String> refused = new TreeSet<>();
    Set<String> foreignSecretWrites = new TreeSet<>();
    Set<String> generated = generatedSecrets();
    for (AuditedRequest request : requests) {
      if (request.refused() && !expected(request.received())) {
        refused.add(request.describe());
      }
      if ("secrets".equals(request.resource())
          && !Set.of("get", "list", "watch").contains(request.verb())
          && !(operatorNamespace.equals(request.namespace())
              && (request.name() == null || keySecret.equals(request.name())))
          && !generated.contains(request.namespace() + "/" + request.name())
          && !(request.verb().equals("create") && isGeneratedCreate(request, generated))) {
        foreignSecretWrites.add(request.describe());
      }
    }
    assertThat(refused)
        .as("requests of the operator that the API server refused under the installed RBAC")
        .isEmpty();
    assertThat(foreignSecretWrites)
        .as("Secret writes other than the operator's key and the Secrets of generated passwords")
        .isEmpty();
  }

  /**
   * The Secrets the operator made for generated passwords, as namespace/name: labelled so and owned
   * by a CognitoUser. The audit log records no labels, so they are looked up now.
   */
  private Set<String> generatedSecrets() {
    Set<String> names = new TreeSet<>();
    client()
        .secrets()
        .inAnyNamespace()
        .withLabel("cognito.operator.dev/generated", "true")
        .list()
        .getItems()
        .stream()
        .filter(
            s ->
                s.getMetadata().getOwnerReferences() != null
                    && s.getMetadata().getOwnerReferences().stream()
                        .anyMatch(r -> "CognitoUser".equals(r.getKind())))
        .forEach(s -> names.add(s.getMetadata().getNamespace() + "/" + s.getMetadata().getName()));
    return names;
  }

  /** A create names no object in its URI: one in a namespace that now holds a generated Secret. */
  private static boolean isGeneratedCreate(AuditedRequest request, Set<String> generated) {
    return request.name() == null
        && generated.stream().anyMatch(g -> g.startsWith(request.namespace() + "/"));
  }

  @Override
  public void close() {
    server.close();
  }
}
