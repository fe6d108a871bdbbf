package dev.operator.cognito.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.startup.RequiredAccess;
import dev.operator.cognito.support.KubernetesRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds the shipped installs to what the operator really does: every request a running operator
 * sent to the API server must be granted by the Kustomize base and by the Helm chart, installed in
 * the namespace the tests use; and it writes no Secret but its own key.
 */
public final class InstallRbac {

  private static final String SERVICE_ACCOUNT = "cognito-user-operator";
  private static Manifests base;
  private static Manifests chart;

  private InstallRbac() {}

  public static void assertGrants(
      List<KubernetesRequest> requests, String operatorNamespace, String keySecret) {
    Set<String> notInBase = new TreeSet<>();
    Set<String> notInChart = new TreeSet<>();
    Set<String> foreignSecretWrites = new TreeSet<>();
    RbacGrants baseGrants = new RbacGrants(base(), SERVICE_ACCOUNT, operatorNamespace);
    RbacGrants chartGrants =
        new RbacGrants(chart(operatorNamespace), SERVICE_ACCOUNT, operatorNamespace);
    for (KubernetesRequest request : requests) {
      Optional<RequiredAccess> access = request.access();
      if (access.isEmpty()) {
        continue;
      }
      RequiredAccess a = access.get();
      if (!baseGrants.allows(a)) {
        notInBase.add(a.describe());
      }
      if (!chartGrants.allows(a)) {
        notInChart.add(a.describe());
      }
      if (a.resource().equals("secrets") && !Set.of("get", "list", "watch").contains(a.verb())) {
        boolean ownKey =
            operatorNamespace.equals(a.namespace())
                && (a.name() == null || a.name().equals(keySecret));
        if (!ownKey) {
          foreignSecretWrites.add(request.method() + " " + request.path());
        }
      }
    }
    assertThat(notInBase).as("requests deploy/base/rbac.yaml does not grant").isEmpty();
    assertThat(notInChart).as("requests the Helm chart's RBAC does not grant").isEmpty();
    assertThat(foreignSecretWrites).as("Secret writes other than the operator's key").isEmpty();
  }

  private static synchronized Manifests base() {
    if (base == null) {
      base = Manifests.kustomizeBase();
    }
    return base;
  }

  private static synchronized Manifests chart(String namespace) {
    if (chart == null) {
      chart =
          Manifests.parse(
              new com.marcnuri.helm.Helm(HelmChartTest.CHART)
                  .template()
                  .withName("cognito-user-operator")
                  .withNamespace(namespace)
                  .call());
    }
    return chart;
  }
}
