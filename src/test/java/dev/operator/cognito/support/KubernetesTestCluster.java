package dev.operator.cognito.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.operator.cognito.playground.KubectlCompatibleDispatcher;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fabric8's in-memory Kubernetes API server in CRUD mode, with the checked-in CognitoUser CRD
 * installed so that the status subresource behaves as on a real cluster. It is the playground's
 * server: what kubectl needs of a real one (discovery, access reviews) the operator gets too.
 */
public final class KubernetesTestCluster implements TestCluster {

  public static final Path CRD_FILE = Path.of("crds", "cognitousers.cognito.operator.dev-v1.yml");
  public static final Path GRANT_CRD_FILE =
      Path.of("crds", "userpoolgrants.cognito.operator.dev-v1.yml");

  /**
   * The tests' own client says so, so that every other request can be told to be the operator's.
   */
  private static final String TESTS = "cognito-user-operator-tests";

  private final KubernetesMockServer server;
  private final KubectlCompatibleDispatcher dispatcher;
  private final KubernetesClient client;
  private final List<KubernetesRequest> operatorRequests = new CopyOnWriteArrayList<>();

  public KubernetesTestCluster() {
    this(true);
  }

  /**
   * {@code recordRequests}: whether to keep every request of the operator, for the RBAC check; the
   * benchmark, which sends hundreds of thousands, does not.
   */
  public KubernetesTestCluster(boolean recordRequests) {
    dispatcher = new KubectlCompatibleDispatcher(Clock.systemUTC());
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    if (recordRequests) {
      dispatcher.observe(
          request -> {
            if (!TESTS.equals(request.getHeader("User-Agent"))) {
              operatorRequests.add(new KubernetesRequest(request.getMethod(), request.getPath()));
            }
          });
    }
    server.init();
    client = server.createClient(b -> b.editOrNewConfig().withUserAgent(TESTS).endConfig());
    for (Path file : List.of(CRD_FILE, GRANT_CRD_FILE)) {
      try (InputStream crd = Files.newInputStream(file)) {
        CustomResourceDefinition definition =
            client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class);
        client.resource(definition).create();
        dispatcher.addCustomResources(
            client.getKubernetesSerialization().convertValue(definition, JsonNode.class));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + file, e);
      }
    }
  }

  /**
   * The next {@code times} requests of the operator that {@code matching} selects are answered with
   * HTTP {@code code} instead of being served.
   */
  public void failNext(
      java.util.function.Predicate<io.fabric8.mockwebserver.http.RecordedRequest> matching,
      int code,
      int times) {
    answerNext(matching, times, () -> failure(code));
  }

  /** Every request of the operator that {@code matching} selects hangs, unanswered, for minutes. */
  public void hold(
      java.util.function.Predicate<io.fabric8.mockwebserver.http.RecordedRequest> matching) {
    answerNext(
        matching,
        Integer.MAX_VALUE,
        () -> failure(503).setBodyDelay(java.time.Duration.ofMinutes(5)));
  }

  /** Serves every request again. */
  public void serveAll() {
    dispatcher.answerFirst(request -> java.util.Optional.empty());
  }

  private void answerNext(
      java.util.function.Predicate<io.fabric8.mockwebserver.http.RecordedRequest> matching,
      int times,
      java.util.function.Supplier<io.fabric8.mockwebserver.http.MockResponse> answer) {
    java.util.concurrent.atomic.AtomicInteger left =
        new java.util.concurrent.atomic.AtomicInteger(times);
    dispatcher.answerFirst(
        request ->
            !TESTS.equals(request.getHeader("User-Agent"))
                    && matching.test(request)
                    && left.getAndDecrement() > 0
                ? java.util.Optional.of(answer.get())
                : java.util.Optional.empty());
  }

  private static io.fabric8.mockwebserver.http.MockResponse failure(int code) {
    return new io.fabric8.mockwebserver.http.MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"message\":\"injected by the test\",\"code\":"
                + code
                + "}");
  }

  /** Every request the operator (any client but the tests' own) sent, in order. */
  public List<KubernetesRequest> operatorRequests() {
    return List.copyOf(operatorRequests);
  }

  /** A client for the tests themselves; the operator gets one of its own. */
  @Override
  public KubernetesClient client() {
    return client;
  }

  public KubernetesClient newClient() {
    return server.createClient();
  }

  /** The in-memory server authenticates nobody: the operator's client is any other client. */
  @Override
  public KubernetesClient newOperatorClient() {
    return newClient();
  }

  @Override
  public String operatorKubeconfig() {
    return JarRun.kubeconfig(client.getConfiguration().getMasterUrl());
  }

  @Override
  public boolean servesStringData() {
    return false;
  }

  /**
   * The in-memory server authorizes nothing, so the requests it recorded are held to the shipped
   * RBAC by the tests' own evaluator.
   */
  @Override
  public void assertOperatorKeptToItsRbac(String operatorNamespace, String keySecret) {
    dev.operator.cognito.deploy.InstallRbac.assertGrants(
        operatorRequests(), operatorNamespace, keySecret);
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
