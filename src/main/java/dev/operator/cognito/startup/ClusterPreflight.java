package dev.operator.cognito.startup;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks, before anything else touches the cluster, the three things a first start usually lacks: a
 * reachable API server, the CognitoUser CRD, and the RBAC permissions. Each failure becomes a
 * {@link StartupFailure} whose message says what was tried and what to do. It uses a client of its
 * own that does not retry, so that a wrong address is reported at once rather than after the
 * regular client's backoff.
 */
public final class ClusterPreflight {

  static final String CRD_GROUP_VERSION = "cognito.operator.dev/v1alpha1";
  static final java.util.List<String> SERVED = java.util.List.of("cognitousers", "userpoolgrants");

  private final Config config;
  private final ClusterConnection connection;

  public ClusterPreflight(Config config) {
    this.config = config;
    this.connection = ClusterConnection.of(config);
  }

  public void verify(
      Set<String> watchedNamespaces,
      String operatorNamespace,
      String keySecret,
      boolean leaderElection,
      boolean generatedPasswords) {
    Config noRetries =
        new ConfigBuilder(config)
            .withRequestRetryBackoffLimit(0)
            .withConnectionTimeout(5_000)
            .withRequestTimeout(10_000)
            .build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(noRetries).build()) {
      reachable(client);
      crdInstalled(client);
      permitted(
          client,
          RequiredAccess.of(
              watchedNamespaces, operatorNamespace, keySecret, leaderElection, generatedPasswords));
    }
  }

  private void reachable(KubernetesClient client) {
    try {
      client.getKubernetesVersion();
    } catch (KubernetesClientException e) {
      throw StartupFailures.kubernetes("cannot use the Kubernetes API", e, connection);
    }
  }

  private void crdInstalled(KubernetesClient client) {
    APIResourceList resources;
    try {
      resources = client.getApiResources(CRD_GROUP_VERSION);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw StartupFailures.kubernetes("cannot read API discovery", e, connection);
      }
      resources = null;
    }
    java.util.Set<String> served =
        resources == null
            ? java.util.Set.of()
            : resources.getResources().stream()
                .map(r -> r.getName())
                .collect(java.util.stream.Collectors.toSet());
    java.util.List<String> missing = SERVED.stream().filter(r -> !served.contains(r)).toList();
    if (!missing.isEmpty()) {
      throw new StartupFailure(
          "the CRDs of "
              + String.join(" and ", missing)
              + " ("
              + CRD_GROUP_VERSION
              + ") are not installed in the cluster at "
              + connection.describe()
              + ": install them with kubectl apply -f crds/");
    }
  }

  private void permitted(KubernetesClient client, List<RequiredAccess> needed) {
    List<RequiredAccess> denied =
        needed.stream().filter(access -> isDenied(client, access)).toList();
    if (!denied.isEmpty()) {
      throw new StartupFailure(
          "the operator's Kubernetes identity ("
              + connection.source()
              + ") may not "
              + denied.stream().map(RequiredAccess::describe).collect(Collectors.joining(", "))
              + ": grant it the rules of deploy/base/rbac.yaml (Helm: rbac.create)");
    }
  }

  /**
   * Only an explicit "no" counts: an API server that does not evaluate access reviews (it refuses
   * the review, or answers without a status) is not second-guessed, and a request it refuses later
   * still says why.
   */
  private boolean isDenied(KubernetesClient client, RequiredAccess access) {
    SelfSubjectAccessReview review =
        new SelfSubjectAccessReviewBuilder()
            .withNewSpec()
            .withNewResourceAttributes()
            .withVerb(access.verb())
            .withGroup(access.group())
            .withResource(access.resource())
            .withSubresource(access.subresource())
            .withNamespace(access.namespace())
            .withName(access.name())
            .endResourceAttributes()
            .endSpec()
            .build();
    try {
      SelfSubjectAccessReview answer =
          client.authorization().v1().selfSubjectAccessReview().create(review);
      return answer != null
          && answer.getStatus() != null
          && Boolean.FALSE.equals(answer.getStatus().getAllowed());
    } catch (KubernetesClientException e) {
      if (e.getCode() >= 400) {
        return false;
      }
      throw StartupFailures.kubernetes("cannot check the operator's permissions", e, connection);
    }
  }
}
