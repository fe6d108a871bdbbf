package dev.operator.cognito.bench;

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

/** The in-memory Kubernetes API with both CRDs, as the playground runs it, and nothing recorded. */
final class BenchCluster implements AutoCloseable {

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  BenchCluster() {
    KubectlCompatibleDispatcher dispatcher = new KubectlCompatibleDispatcher(Clock.systemUTC());
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init();
    client = server.createClient();
    for (String file :
        List.of(
            "crds/cognitousers.cognito.operator.dev-v1.yml",
            "crds/userpoolgrants.cognito.operator.dev-v1.yml")) {
      try (InputStream crd = Files.newInputStream(Path.of(file))) {
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

  KubernetesClient client() {
    return client;
  }

  String url() {
    return client.getConfiguration().getMasterUrl();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
