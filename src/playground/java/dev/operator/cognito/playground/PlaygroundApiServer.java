package dev.operator.cognito.playground;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An in-memory Kubernetes API server on a loopback port that kubectl and the operator can both use
 * ({@code --apiserver memory}): Fabric8's CRUD mock server behind {@link
 * KubectlCompatibleDispatcher}, with the project's CRDs installed and the namespaces the playground
 * uses.
 */
final class PlaygroundApiServer implements PlaygroundKubernetes {

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private KubectlFrontDoor door;

  private PlaygroundApiServer(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
  }

  /**
   * Starts on the preferred port with the CRDs from crds/, and writes the kubeconfig for kubectl
   * (through the front door) and the operator's (straight to the mock server).
   */
  static PlaygroundApiServer start(PlaygroundSettings settings, List<String> namespaces)
      throws IOException {
    PlaygroundApiServer api =
        start(Ports.preferred(settings.apiPort()), settings.crds(), namespaces);
    try {
      writeKubeconfig(settings.kubeconfig(), api.url());
      writeKubeconfig(settings.operatorKubeconfig(), api.clientUrl());
      return api;
    } catch (IOException | RuntimeException e) {
      api.close();
      throw e;
    }
  }

  /** Starts on {@code port} (0: any free port), with every CRD found in {@code crdDirectory}. */
  static PlaygroundApiServer start(int port, Path crdDirectory, List<String> namespaces) {
    KubectlCompatibleDispatcher dispatcher = new KubectlCompatibleDispatcher(Clock.systemUTC());
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    PlaygroundApiServer api = new PlaygroundApiServer(server);
    api.door = KubectlFrontDoor.start(port, URI.create(api.clientUrl()), dispatcher.tables());
    api.installCrds(crdDirectory, dispatcher);
    for (String namespace : namespaces) {
      api.client
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
    }
    return api;
  }

  /** For kubectl and people. */
  String url() {
    return "http://127.0.0.1:" + door.port();
  }

  /** For Fabric8 clients, which watch over WebSockets. */
  String clientUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public void apply(Path manifest) {
    try (InputStream in = Files.newInputStream(manifest)) {
      for (HasMetadata object : client.load(in).items()) {
        client.resource(object).create();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot apply " + manifest, e);
    }
  }

  @Override
  public List<String> summary() {
    return List.of("Kubernetes API  " + url() + "  (in memory, with the CRDs from crds/)");
  }

  @Override
  public List<String> tryNext() {
    return List.of();
  }

  @Override
  public Optional<RbacVerdict> operatorRbac() {
    return Optional.empty();
  }

  /** A kubeconfig pointing at {@code url}. */
  static void writeKubeconfig(Path file, String url) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: playground",
            "  cluster:",
            "    server: " + url,
            "contexts:",
            "- name: playground",
            "  context:",
            "    cluster: playground",
            "    user: playground",
            "    namespace: default",
            "current-context: playground",
            "users:",
            "- name: playground",
            "  user:",
            "    token: playground",
            ""));
  }

  private void installCrds(Path directory, KubectlCompatibleDispatcher dispatcher) {
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          CustomResourceDefinition crd =
              client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
          client.resource(crd).create();
          dispatcher.addCustomResources(json.valueToTree(crd));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CRDs in " + directory, e);
    }
  }

  @Override
  public void close() {
    if (door != null) {
      door.close();
    }
    client.close();
    server.destroy();
  }
}
