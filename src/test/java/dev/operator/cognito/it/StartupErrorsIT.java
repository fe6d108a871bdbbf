package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.support.JarRun;
import dev.operator.cognito.support.JarRun.Exit;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a person sees when the jar cannot start: one line at the default log level saying what it
 * tried and how to fix it, no stack trace (unless debug logging is on), and a non-zero exit.
 */
class StartupErrorsIT {

  private KubernetesMockServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.destroy();
    }
  }

  @Test
  void anUnreachableClusterIsNamedWithWhereItsAddressCameFrom() throws IOException {
    String url = "http://127.0.0.1:" + closedPort();

    Exit exit = JarRun.runToExit(url, Map.of());

    String line = theOneErrorLine(exit);
    assertThat(line)
        .contains("cannot reach the Kubernetes API at " + url)
        .contains("kubeconfig ")
        .contains("connection refused")
        .contains("./playground");
  }

  @Test
  void debugLoggingAddsTheWholeCause() throws IOException {
    Exit exit = JarRun.runToExit("http://127.0.0.1:" + closedPort(), Map.of("LOG_LEVEL", "DEBUG"));

    assertThat(exit.code()).isNotZero();
    assertThat(exit.text()).contains("cannot reach the Kubernetes API").contains("Caused by:");
  }

  @Test
  void aMissingCrdIsNamedWithTheCommandThatInstallsIt() {
    server = new KubernetesMockServer(false);
    server.init();

    Exit exit = JarRun.runToExit(url(), Map.of());

    assertThat(theOneErrorLine(exit))
        .contains("the CRDs of cognitousers and userpoolgrants (cognito.operator.dev/v1alpha1)")
        .contains("are not installed")
        .contains("kubectl apply -f crds/");
  }

  @Test
  void missingPermissionsAreListedWithWhereToGrantThem() {
    server = new KubernetesMockServer(false);
    server.init();
    servesTheCrd();
    // an API server whose RBAC lets this identity do everything but read Secrets
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
        .andReply(
            201,
            request -> {
              String review = request.getBody().readUtf8();
              boolean secrets = review.contains("\"resource\":\"secrets\"");
              boolean ownKey = review.contains("\"namespace\":\"operator-ns\"");
              return review.replaceFirst(
                  "\\}$", ",\"status\":{\"allowed\":" + (!secrets || ownKey) + "}}");
            })
        .always();

    Exit exit = JarRun.runToExit(url(), Map.of("OPERATOR_NAMESPACE", "operator-ns"));

    assertThat(theOneErrorLine(exit))
        .contains("may not list secrets in all namespaces, watch secrets in all namespaces")
        .doesNotContain("cognitousers")
        .contains("kubeconfig ")
        .contains("deploy/base/rbac.yaml");
  }

  @Test
  void aBadSettingIsNamed() {
    Exit exit = JarRun.runToExit("http://127.0.0.1:1", Map.of("RECHECK_INTERVAL", "soon"));

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

  private void servesTheCrd() {
    server
        .expect()
        .get()
        .withPath("/apis/cognito.operator.dev/v1alpha1")
        .andReturn(
            200,
            new APIResourceListBuilder()
                .withGroupVersion("cognito.operator.dev/v1alpha1")
                .addNewResource()
                .withName("cognitousers")
                .withKind("CognitoUser")
                .withNamespaced(true)
                .withVerbs("get", "list", "watch")
                .endResource()
                .addNewResource()
                .withName("userpoolgrants")
                .withKind("UserPoolGrant")
                .withNamespaced(false)
                .withVerbs("get", "list", "watch")
                .endResource()
                .build())
        .always();
  }

  private String url() {
    return server.createClient().getConfiguration().getMasterUrl();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
