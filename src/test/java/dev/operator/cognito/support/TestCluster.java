package dev.operator.cognito.support;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The Kubernetes API server under an integration test: a real kube-apiserver with etcd ({@link
 * RealTestCluster}, the default) or Fabric8's in-memory one ({@link KubernetesTestCluster}, only
 * for a test that injects faults a real server cannot be made to show).
 */
public interface TestCluster extends AutoCloseable {

  /** A client for the tests themselves, with every right. */
  KubernetesClient client();

  /** A new client that is the operator: on a real server, its ServiceAccount's token. */
  KubernetesClient newOperatorClient();

  /** A kubeconfig (YAML) that is the operator, for the packaged jar. */
  String operatorKubeconfig();

  /** Whether Secrets may be written with stringData, as users write them (the mock ignores it). */
  boolean servesStringData();

  /**
   * Every request the operator sent was allowed by the installed RBAC, and it wrote no Secret but
   * its own key in its own namespace.
   */
  void assertOperatorKeptToItsRbac(String operatorNamespace, String keySecret);

  @Override
  void close();
}
