package dev.operator.cognito.support;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * Fabric8's in-memory Kubernetes API server in CRUD mode, with the checked-in CognitoUser CRD
 * installed so that the status subresource behaves as on a real cluster.
 */
public final class KubernetesTestCluster implements AutoCloseable {

  public static final Path CRD_FILE = Path.of("crds", "cognitousers.cognito.operator.dev-v1.yml");

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  public KubernetesTestCluster() {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    client = server.createClient();
    try (InputStream crd = Files.newInputStream(CRD_FILE)) {
      CustomResourceDefinition definition =
          client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class);
      client.resource(definition).create();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + CRD_FILE, e);
    }
  }

  /** A client for the tests themselves; the operator gets one of its own. */
  public KubernetesClient client() {
    return client;
  }

  public KubernetesClient newClient() {
    return server.createClient();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
