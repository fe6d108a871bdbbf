package dev.operator.cognito.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One of the shipped ways to install the operator, applied to a real API server with kubectl as a
 * user would: its namespace, ServiceAccount and RBAC (and the Deployment, which nothing runs
 * there). The operator under test then runs with that ServiceAccount's token and the settings the
 * install gives its Deployment.
 */
public enum Install {
  /** {@code kubectl apply -k deploy/}: cluster-wide. */
  KUSTOMIZE_BASE(Map.of()) {
    @Override
    void applyTo(RealApiServer server) {
      apply(server, "apply", "-k", "deploy/");
    }
  },

  /**
   * {@code kubectl apply -k deploy/overlays/generated-passwords}: the base with the component that
   * lets the operator create and patch the Secrets of generated passwords.
   */
  KUSTOMIZE_GENERATED_PASSWORDS(Map.of("GENERATED_PASSWORDS", "enabled")) {
    @Override
    void applyTo(RealApiServer server) {
      apply(server, "apply", "-k", "deploy/overlays/generated-passwords");
    }
  },

  /** {@code kubectl apply -k deploy/overlays/namespaced}: the teams' namespaces only. */
  NAMESPACED_OVERLAY(Map.of("WATCH_NAMESPACES", "team-a,team-b")) {
    @Override
    void applyTo(RealApiServer server) {
      createNamespaces(server, "team-a", "team-b");
      apply(server, "apply", "-k", "deploy/overlays/namespaced");
    }
  },

  /** The Helm chart with its default values, rendered and applied (as {@code helm install}). */
  HELM_CHART(Map.of()) {
    @Override
    void applyTo(RealApiServer server) {
      createNamespaces(server, NAMESPACE);
      String rendered =
          new Helm(Path.of("deploy/helm/cognito-user-operator"))
              .template()
              .withName("cognito-user-operator")
              .withNamespace(NAMESPACE)
              .call();
      try {
        Path file = Files.createTempFile(Path.of("target"), "chart-", ".yaml");
        Files.writeString(file, rendered);
        apply(server, "apply", "-n", NAMESPACE, "-f", file.toString());
        Files.delete(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  /** Where every install puts the operator (the base's namespace; the chart is told so). */
  public static final String NAMESPACE = "cognito-user-operator";

  private final Map<String, String> deploymentSettings;

  Install(Map<String, String> deploymentSettings) {
    this.deploymentSettings = deploymentSettings;
  }

  abstract void applyTo(RealApiServer server);

  String operatorNamespace() {
    return NAMESPACE;
  }

  /** Environment variables this install's Deployment sets that change what the operator may do. */
  public Map<String, String> deploymentSettings() {
    return deploymentSettings;
  }

  private static void apply(RealApiServer server, String... args) {
    RealApiServer.Kubectl run = server.kubectl(args);
    assertThat(run.exitCode()).as("kubectl %s: %s", List.of(args), run.output()).isZero();
  }

  private static void createNamespaces(RealApiServer server, String... names) {
    for (String name : names) {
      if (server.client().namespaces().withName(name).get() == null) {
        server
            .client()
            .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
            .create();
      }
    }
  }
}
