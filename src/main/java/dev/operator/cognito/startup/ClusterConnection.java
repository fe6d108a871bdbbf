package dev.operator.cognito.startup;

import io.fabric8.kubernetes.client.Config;
import java.io.File;

/** Where the operator's Kubernetes connection came from, in words a person can check. */
public record ClusterConnection(String masterUrl, String source) {

  public static ClusterConnection of(Config config) {
    File kubeconfig = config.getFile();
    String source;
    if (kubeconfig != null) {
      String context =
          config.getCurrentContext() == null ? null : config.getCurrentContext().getName();
      source = "kubeconfig " + kubeconfig + (context == null ? "" : ", context " + context);
    } else if (System.getenv("KUBERNETES_SERVICE_HOST") != null) {
      source = "the in-cluster service account";
    } else {
      source =
          "the default address: no kubeconfig (KUBECONFIG is not set and ~/.kube/config does not"
              + " exist) and not in a cluster";
    }
    return new ClusterConnection(config.getMasterUrl(), source);
  }

  public String describe() {
    return masterUrl + " (" + source + ")";
  }
}
