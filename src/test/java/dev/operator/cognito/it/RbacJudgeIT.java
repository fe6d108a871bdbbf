package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.operator.cognito.support.Install;
import dev.operator.cognito.support.RealTestCluster;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

/**
 * The check every integration test ends with on the real API server can fail: a request the
 * installed RBAC refuses, and a Secret written outside the operator's own key, made with the
 * operator's token, are both reported from the audit log.
 */
class RbacJudgeIT {

  private static final String KEY = "cognito-user-operator-fingerprint-key";

  @Test
  void aRefusedRequestAndAForeignSecretWriteAreReported() {
    try (RealTestCluster cluster = RealTestCluster.start(Install.KUSTOMIZE_BASE)) {
      cluster.assertOperatorKeptToItsRbac(Install.NAMESPACE, KEY);

      try (KubernetesClient operator = cluster.newOperatorClient()) {
        assertThat(operator.namespaces().withName("default").get()).isNotNull();
        assertThatThrownBy(() -> operator.namespaces().withName("default").delete())
            .isInstanceOf(KubernetesClientException.class)
            .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
      }
      assertThatThrownBy(() -> cluster.assertOperatorKeptToItsRbac(Install.NAMESPACE, KEY))
          .hasMessageContaining("refused")
          .hasMessageContaining("delete /api/v1/namespaces/default -> 403");
    }
    try (RealTestCluster cluster = RealTestCluster.start(Install.KUSTOMIZE_BASE)) {
      try (KubernetesClient operator = cluster.newOperatorClient()) {
        // the base's Role lets it create Secrets in its own namespace (create cannot be narrowed
        // to a name), so only the audit log shows that this one is not its key
        operator
            .resource(
                new SecretBuilder()
                    .withNewMetadata()
                    .withName("not-the-key")
                    .withNamespace(Install.NAMESPACE)
                    .endMetadata()
                    .build())
            .create();
      }
      assertThatThrownBy(() -> cluster.assertOperatorKeptToItsRbac(Install.NAMESPACE, KEY))
          .hasMessageContaining("Secret writes other than the operator's key")
          .hasMessageContaining("create /api/v1/namespaces/cognito-user-operator/secrets");
    }
  }
}
