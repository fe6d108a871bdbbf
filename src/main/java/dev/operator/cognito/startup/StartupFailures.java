package dev.operator.cognito.startup;

import dev.operator.cognito.config.ConfigException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;

/** Turns whatever stopped the start into one line that says what was tried and how to fix it. */
public final class StartupFailures {

  private StartupFailures() {}

  public static String explain(Throwable failure, Optional<ClusterConnection> connection) {
    if (failure instanceof StartupFailure || failure instanceof ConfigException) {
      return failure.getMessage();
    }
    Optional<KubernetesClientException> kubernetes = find(failure, KubernetesClientException.class);
    if (kubernetes.isPresent() && connection.isPresent()) {
      return kubernetes("a Kubernetes request failed", kubernetes.get(), connection.get())
          .getMessage();
    }
    Optional<BindException> bind = find(failure, BindException.class);
    if (bind.isPresent()) {
      return "cannot serve /metrics, /healthz and /readyz: "
          + bind.get().getMessage()
          + ": choose another port with HTTP_PORT";
    }
    Throwable root = root(failure);
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  static StartupFailure kubernetes(
      String what, KubernetesClientException e, ClusterConnection connection) {
    String where = connection.describe();
    if (unreachable(e)) {
      return new StartupFailure(
          "cannot reach the Kubernetes API at "
              + where
              + ": "
              + whyUnreachable(e)
              + ". Check that the cluster runs and that KUBECONFIG or the current context point at"
              + " it; to try the operator without a cluster, run ./playground",
          e);
    }
    String status =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getMessage();
    String fix =
        switch (e.getCode()) {
          case 401 -> ": the credentials were refused; renew them (kubectl get namespaces checks)";
          case 403 ->
              ": grant the rules of deploy/base/rbac.yaml (Helm: rbac.create) to the"
                  + " operator's identity";
          default -> "";
        };
    return new StartupFailure(
        what + " at " + where + " (HTTP " + e.getCode() + "): " + status + fix, e);
  }

  private static boolean unreachable(KubernetesClientException e) {
    return e.getCode() <= 0
        && (find(e, ConnectException.class).isPresent()
            || find(e, UnresolvedAddressException.class).isPresent()
            || find(e, UnknownHostException.class).isPresent()
            || find(e, java.net.http.HttpConnectTimeoutException.class).isPresent()
            || find(e, java.io.IOException.class).isPresent());
  }

  private static String whyUnreachable(KubernetesClientException e) {
    if (find(e, UnresolvedAddressException.class).isPresent()
        || find(e, UnknownHostException.class).isPresent()) {
      return "the host name does not resolve";
    }
    if (find(e, java.net.http.HttpConnectTimeoutException.class).isPresent()) {
      return "connecting timed out";
    }
    if (find(e, ConnectException.class).isPresent()) {
      return "connection refused";
    }
    Throwable root = root(e);
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  private static Throwable root(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
