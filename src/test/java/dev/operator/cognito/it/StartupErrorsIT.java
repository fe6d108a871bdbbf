package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.support.Install;
import dev.operator.cognito.support.JarRun;
import dev.operator.cognito.support.JarRun.Exit;
import dev.operator.cognito.support.RealApiServer;
import dev.operator.cognito.support.RealTestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a person sees when the jar cannot start: one line at the default log level saying what it
 * tried and how to fix it, no stack trace (unless debug logging is on), and a non-zero exit.
 */
class StartupErrorsIT {

  @Test
  void anUnreachableClusterIsNamedWithWhereItsAddressCameFrom() throws IOException {
    String url = "http://127.0.0.1:" + closedPort();

    Exit exit = JarRun.runToExit(JarRun.kubeconfig(url), Map.of());

    String line = theOneErrorLine(exit);
    assertThat(line)
        .contains("cannot reach the Kubernetes API at " + url)
        .contains("kubeconfig ")
        .contains("connection refused")
        .contains("./playground");
  }

  @Test
  void debugLoggingAddsTheWholeCause() throws IOException {
    Exit exit =
        JarRun.runToExit(
            JarRun.kubeconfig("http://127.0.0.1:" + closedPort()), Map.of("LOG_LEVEL", "DEBUG"));

    assertThat(exit.code()).isNotZero();
    assertThat(exit.text()).contains("cannot reach the Kubernetes API").contains("Caused by:");
  }

  @Test
  void aMissingCrdIsNamedWithTheCommandThatInstallsIt() {
    try (RealApiServer server = RealApiServer.start()) {
      Exit exit = JarRun.runToExit(read(server.kubeconfig()), Map.of());

      assertThat(theOneErrorLine(exit))
          .contains("the CRDs of cognitousers and userpoolgrants (cognito.operator.dev/v1alpha1)")
          .contains("are not installed")
          .contains("kubectl apply -f crds/");
    }
  }

  /**
   * The shipped Kustomize install on a real API server, with one rule taken out of its ClusterRole
   * (reading Secrets): the operator, under its ServiceAccount's token, stops at start-up with one
   * line naming what it may not do, judged by the API server's own access reviews.
   */
  @Test
  void aRuleMissingFromTheInstallIsNamedWithWhereToGrantIt() {
    try (RealTestCluster cluster = RealTestCluster.start(Install.KUSTOMIZE_BASE)) {
      cluster
          .client()
          .rbac()
          .clusterRoles()
          .withName("cognito-user-operator")
          .edit(
              role -> {
                role.getRules().removeIf(rule -> rule.getResources().contains("secrets"));
                return role;
              });

      Exit exit = JarRun.runToExit(cluster.operatorKubeconfig(), Map.of());

      assertThat(theOneErrorLine(exit))
          .contains("may not list secrets in all namespaces, watch secrets in all namespaces")
          .doesNotContain("cognitousers")
          .contains("kubeconfig ")
          .contains("deploy/base/rbac.yaml");
    }
  }

  /**
   * GENERATED_PASSWORDS=enabled on the base install, which does not grant writing Secrets: the
   * operator stops at start-up naming the two verbs, rather than failing each generated password.
   */
  @Test
  void generatedPasswordsWithoutTheirRightsAreNamedAtStartUp() {
    try (RealTestCluster cluster = RealTestCluster.start(Install.KUSTOMIZE_BASE)) {
      Exit exit =
          JarRun.runToExit(cluster.operatorKubeconfig(), Map.of("GENERATED_PASSWORDS", "enabled"));

      assertThat(theOneErrorLine(exit))
          .contains("may not create secrets in all namespaces, patch secrets in all namespaces")
          .doesNotContain("cognitousers");
    }
  }

  @Test
  void aBadSettingIsNamed() {
    Exit exit =
        JarRun.runToExit(
            JarRun.kubeconfig("http://127.0.0.1:1"), Map.of("RECHECK_INTERVAL", "soon"));

    assertThat(theOneErrorLine(exit)).contains("RECHECK_INTERVAL");
  }

  /** Exit code non-zero, no stack trace, and exactly one ERROR line: the one returned. */
  private static String theOneErrorLine(Exit exit) {
    assertThat(exit.code()).as("exit code; output:%n%s", exit.text()).isNotZero();
    assertThat(exit.lines())
        .as("stack trace lines")
        .noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by:"))
        .noneMatch(l -> l.startsWith("Exception in thread"));
    List<String> errors = exit.lines().stream().filter(l -> l.contains(" ERROR ")).toList();
    assertThat(errors).as("ERROR lines in:%n%s", exit.text()).hasSize(1);
    assertThat(errors.get(0)).contains("cognito-user-operator cannot start: ");
    return errors.get(0);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
