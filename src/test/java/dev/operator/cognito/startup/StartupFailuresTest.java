package dev.operator.cognito.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.config.ConfigException;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StartupFailuresTest {

  private static final Optional<ClusterConnection> CONNECTION =
      Optional.of(new ClusterConnection("https://10.0.0.1:6443/", "kubeconfig /k, context prod"));

  @Test
  void anUnreachableApiServerIsNamedWithWhereItsAddressCameFrom() {
    var failure =
        new KubernetesClientException(
            "An error has occurred.", new IOException(new ConnectException()));

    assertThat(StartupFailures.explain(failure, CONNECTION))
        .startsWith("cannot reach the Kubernetes API at https://10.0.0.1:6443/")
        .contains("(kubeconfig /k, context prod): connection refused")
        .contains("./playground");
  }

  @Test
  void anUnknownHostSaysSo() {
    var failure =
        new KubernetesClientException("boom", new IOException(new UnresolvedAddressException()));

    assertThat(StartupFailures.explain(failure, CONNECTION))
        .contains("the host name does not resolve");
  }

  @Test
  void aRefusedRequestNamesTheApiServersReasonAndWhereToGrantAccess() {
    var failure =
        new KubernetesClientException(
            new StatusBuilder()
                .withCode(403)
                .withMessage(
                    "secrets \"key\" is forbidden: User \"system:serviceaccount:x:y\" cannot get"
                        + " resource \"secrets\"")
                .build());

    assertThat(StartupFailures.explain(failure, CONNECTION))
        .contains("(HTTP 403)")
        .contains("cannot get resource \"secrets\"")
        .contains("deploy/base/rbac.yaml");
  }

  @Test
  void settingsAndPortsAreNamed() {
    assertThat(
            StartupFailures.explain(
                new ConfigException("HTTP_PORT must be a whole number"), Optional.empty()))
        .isEqualTo("HTTP_PORT must be a whole number");
    assertThat(
            StartupFailures.explain(
                new UncheckedIOException(new BindException("Address already in use")),
                Optional.empty()))
        .contains("Address already in use")
        .contains("HTTP_PORT");
  }

  @Test
  void requiredAccessFollowsTheWatchedNamespacesAndLeaderElection() {
    var clusterWide = RequiredAccess.of(Set.of(), "ops", "key", false);
    assertThat(clusterWide.stream().map(RequiredAccess::describe))
        .contains(
            "list cognitousers in all namespaces",
            "watch secrets in all namespaces",
            "patch cognitousers/status in all namespaces",
            "create events in all namespaces",
            "get secrets key in namespace ops")
        .noneMatch(d -> d.contains("leases"));

    var listed = RequiredAccess.of(Set.of("team-a"), "ops", "key", true);
    assertThat(listed.stream().map(RequiredAccess::describe))
        .contains(
            "list secrets in namespace team-a",
            "update leases in namespace ops",
            "watch userpoolgrants in all namespaces",
            "list namespaces in all namespaces")
        .noneMatch(d -> d.contains("secrets in all namespaces"))
        .noneMatch(d -> d.contains("cognitousers in all namespaces"));
  }
}
