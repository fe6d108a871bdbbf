package dev.operator.cognito.playground;

import dev.operator.cognito.support.Install;
import dev.operator.cognito.support.RealApiServer;
import dev.operator.cognito.support.RealTestCluster;
import dev.operator.cognito.support.RealTestCluster.AuditedRequest;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real kube-apiserver and etcd ({@code --apiserver real}) with the operator installed as the
 * README installs it: the test suite's {@link RealTestCluster}, which applies crds/ and {@code
 * kubectl apply -k deploy/overlays/generated-passwords} (the base, with generated passwords on for
 * the demo's machine user). kubectl gets an admin's kubeconfig straight to the server, and the
 * operator a token of its ServiceAccount, so that the server itself judges every request of the
 * operator by that RBAC (its audit log shows how).
 */
final class RealKubernetes implements PlaygroundKubernetes {

  private static final String OPERATOR_ACCOUNT =
      "system:serviceaccount:" + Install.NAMESPACE + ":cognito-user-operator";

  private final RealTestCluster cluster;
  private final PlaygroundSettings settings;
  private final List<ProcessHandle> processes;

  private RealKubernetes(
      RealTestCluster cluster, PlaygroundSettings settings, List<ProcessHandle> processes) {
    this.cluster = cluster;
    this.settings = settings;
    this.processes = processes;
  }

  /** Starts the server, installs the operator's objects and writes both kubeconfigs. */
  static RealKubernetes start(PlaygroundSettings settings, List<String> namespaces) {
    RealTestCluster cluster;
    try {
      cluster = RealTestCluster.start(Install.KUSTOMIZE_GENERATED_PASSWORDS);
    } catch (RuntimeException | AssertionError e) {
      // AssertionError: a kubectl apply of crds/ or deploy/ that the server refused
      throw new PlaygroundException("the real kube-apiserver did not start: " + e.getMessage());
    }
    // the session's shutdown hook stops it, after the operator that uses it
    cluster.server().leaveStopOnExitToCaller();
    RealKubernetes real = new RealKubernetes(cluster, settings, serverProcesses());
    try {
      real.createMissing(namespaces);
      writePrivately(settings.kubeconfig(), Files.readString(cluster.server().kubeconfig()));
      writePrivately(settings.operatorKubeconfig(), cluster.operatorKubeconfig());
      return real;
    } catch (IOException | RuntimeException e) {
      real.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /**
   * kube-api-test does not tell which processes it started; they are this JVM's children by these
   * names (the playground starts no other server in its JVM), announced so that a user can check
   * that they are gone after Ctrl-C.
   */
  private static List<ProcessHandle> serverProcesses() {
    return ProcessHandle.current()
        .children()
        .filter(
            p ->
                p.info()
                    .command()
                    .map(c -> Path.of(c).getFileName().toString())
                    .filter(name -> name.equals("kube-apiserver") || name.equals("etcd"))
                    .isPresent())
        .sorted((a, b) -> name(b).compareTo(name(a)))
        .toList();
  }

  private static String name(ProcessHandle process) {
    return process.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
  }

  private void createMissing(List<String> namespaces) {
    for (String namespace : namespaces) {
      if (client().namespaces().withName(namespace).get() == null) {
        client()
            .resource(
                new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
            .create();
      }
    }
  }

  /**
   * Readable by its owner only: the operator's kubeconfig holds a bearer token, and the admin's
   * names the client key of {@code system:masters}.
   */
  private static void writePrivately(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, content);
  }

  @Override
  public KubernetesClient client() {
    return cluster.client();
  }

  /** With the server's own kubectl, so that what it says does not depend on the one installed. */
  @Override
  public void apply(Path manifest) {
    RealApiServer.Kubectl run = cluster.server().kubectl("apply", "-f", manifest.toString());
    if (run.exitCode() != 0) {
      throw new PlaygroundException("kubectl apply -f " + manifest + " failed: " + run.output());
    }
  }

  @Override
  public List<String> summary() {
    String version = RealApiServer.Binaries.pinned().version();
    List<String> parts =
        processes.stream()
            .map(
                p ->
                    name(p)
                        + (name(p).equals("kube-apiserver") ? " " + version : "")
                        + " (pid "
                        + p.pid()
                        + ")")
            .toList();
    return List.of(
        "Kubernetes API  "
            + client().getConfiguration().getMasterUrl().replaceAll("/$", "")
            + "  (real: "
            + String.join(" and ", parts)
            + ")",
        "installed       crds/ and deploy/overlays/generated-passwords (kubectl apply -k): the"
            + " operator runs as "
            + OPERATOR_ACCOUNT
            + ", under its RBAC; etcd and kube-apiserver on 127.0.0.1 only");
  }

  @Override
  public List<String> tryNext() {
    return List.of(
        "  kubectl auth can-i --list --as=" + OPERATOR_ACCOUNT + "   # what deploy/ lets it do",
        "  # kubectl talks to the real server with an admin's kubeconfig; the server's own release:",
        "  #   " + cluster.server().kubectl());
  }

  @Override
  public Optional<RbacVerdict> operatorRbac() {
    List<AuditedRequest> requests = cluster.operatorRequests();
    return Optional.of(
        new RbacVerdict(
            OPERATOR_ACCOUNT,
            requests.size(),
            requests.stream()
                .filter(AuditedRequest::refused)
                .map(AuditedRequest::describe)
                .toList()));
  }

  /**
   * Stops the server and waits until its processes are gone: when Ctrl-C stops the playground, the
   * server's own shutdown hook may be the one that stops it, at the same time as this.
   */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(settings.operatorKubeconfig());
    } catch (IOException e) {
      // under the playground's directory; the next start overwrites it
    }
    cluster.close();
    for (ProcessHandle process : processes) {
      try {
        process.onExit().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        process.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
