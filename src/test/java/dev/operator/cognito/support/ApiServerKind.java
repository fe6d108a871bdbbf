package dev.operator.cognito.support;

/** Which API server an integration test runs against. */
public enum ApiServerKind {
  /** kube-apiserver and etcd, with RBAC, schema and CEL rules: the default. */
  REAL,
  /** Fabric8's in-memory server: only where a test injects faults on given requests. */
  MEMORY
}
