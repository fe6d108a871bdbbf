package dev.operator.cognito.playground;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes API server of a playground session, in memory ({@link PlaygroundApiServer}) or
 * real ({@link RealKubernetes}). Either one, once started, has written the kubeconfig for people
 * and kubectl and the one the operator runs with.
 */
interface PlaygroundKubernetes extends AutoCloseable {

  /** A client with every right: the examples, the status feed and the demo use it. */
  KubernetesClient client();

  /** Applies the objects of one manifest file, as a person would. */
  void apply(Path manifest);

  /** Lines for the start-up summary: where the server is and what runs it. */
  List<String> summary();

  /** Lines to add to "Try it", for what only this server offers. */
  List<String> tryNext();

  /**
   * What the API server's authorization made of the operator's requests so far; empty where the
   * server does not judge them (the in-memory one has no RBAC).
   */
  Optional<RbacVerdict> operatorRbac();

  @Override
  void close();

  /** How many requests of the operator's identity the server saw, and those it refused. */
  record RbacVerdict(String identity, int requests, List<String> refused) {}
}
