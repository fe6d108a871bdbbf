package dev.operator.cognito.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** One line a person can act on, for what the API server answered. */
final class ClusterErrors {

  private ClusterErrors() {}

  static String explain(KubernetesClientException e, KubectlCognito.Arguments args) {
    String where = args.allNamespaces() ? "in any namespace" : "in namespace " + args.namespace();
    return switch (e.getCode()) {
      case 404 ->
          "this cluster does not serve cognitousers.cognito.operator.dev: install the CRDs"
              + " (kubectl apply -f crds/, or the operator's Helm chart or Kustomize base)";
      case 403 ->
          "you may not "
              + (args.command().equals("status") ? "list" : "get and patch")
              + " cognitousers "
              + where
              + " (kubectl auth can-i --list shows what you may; the cognito-user-viewer and"
              + " cognito-user-editor roles grant it)";
      case 401 -> "the cluster refused your credentials (kubectl config view --minify)";
      case 0 ->
          "cannot reach the cluster of the current kubeconfig context: "
              + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      default -> "the API server answered " + e.getCode() + ": " + statusMessage(e);
    };
  }

  private static String statusMessage(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage()
        : e.getMessage();
  }
}
