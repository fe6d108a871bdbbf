package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operator.cognito.support.PlaygroundRun;
import dev.operator.cognito.support.PlaygroundRun.Result;
import dev.operator.cognito.support.RealApiServer;
import dev.operator.cognito.support.TestPasswords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The interactive playground driven with a real kubectl, as the README's "try it" lines do: get,
 * describe, apply with stringData, edit and delete, a rotation accepted at {@code ./playground
 * sign-in}, and nothing left running once it is stopped; on a real kube-apiserver (the default once
 * built), whose schema refuses a bad manifest, and on the in-memory one, which kubectl reaches
 * through the playground's translation. Skipped where no kubectl is installed.
 */
class PlaygroundKubectlIT {

  private static final String USER = "diego@example.com";
  private PlaygroundRun playground;

  /** How the playground is started, and what it then runs beside itself. */
  enum ApiServer {
    REAL_BY_DEFAULT(List.of(), 4),
    MEMORY(List.of("--apiserver", "memory"), 2);

    private final List<String> args;
    private final int processes;

    ApiServer(List<String> args, int processes) {
      this.args = args;
      this.processes = processes;
    }
  }

  @BeforeAll
  static void needsKubectl() {
    Assumptions.assumeTrue(
        onPath("kubectl"), "SKIPPED PlaygroundKubectlIT: no kubectl on the PATH");
  }

  @AfterEach
  void stop() {
    if (playground != null) {
      playground.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ApiServer.class)
  void kubectlDrivesThePlaygroundAndCtrlCLeavesNothingBehind(ApiServer apiServer) throws Exception {
    if (apiServer == ApiServer.REAL_BY_DEFAULT) {
      PlaygroundRun.assumeRealApiServerIsTheDefault();
    }
    playground = PlaygroundRun.start(apiServer.args.toArray(String[]::new));
    playground.awaitOutput("Ctrl-C stops everything", Duration.ofMinutes(6));

    assertThat(
            kubectl("wait", "--for=condition=Ready", "cognitouser/diego", "--timeout=60s").output())
        .contains("condition met");
    assertThat(kubectl("get", "cognitousers", "-o", "wide").output())
        .contains("diego", USER, "us-west-2_EXAMPLE", "PasswordSet", "CONFIRMED");
    assertThat(kubectl("describe", "cognitouser", "diego").output())
        .contains("Ready", "PasswordSet", "cognito-user-operator");
    if (apiServer == ApiServer.REAL_BY_DEFAULT) {
      theRealServerAnswersKubectlItself();
    }

    // a rotation with kubectl apply and stringData, as a person writes a Secret by hand
    String rotated = TestPasswords.next();
    Path manifest = playground.dir().resolve("rotated-secret.yaml");
    Files.writeString(
        manifest,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Secret",
            "metadata: {name: diego-password, namespace: default}",
            "type: Opaque",
            "stringData:",
            // single-quoted YAML: no escapes but '' for a quote, whatever the password holds
            "  password: '" + rotated.replace("'", "''") + "'",
            ""));
    assertThat(kubectl("apply", "-f", manifest.toString()).output()).contains("configured");
    await().atMost(Duration.ofSeconds(60)).until(() -> signIn(rotated).exitCode() == 0);
    assertThat(signIn(rotated).output()).startsWith("accepted");
    assertThat(signIn(ExamplePassword.read()).exitCode()).as("the old password").isEqualTo(1);

    // kubectl edit: the same password, now temporary
    Path editor = playground.dir().resolve("make-temporary.sh");
    Files.writeString(editor, "#!/bin/sh\nsed -i 's/permanent: true/permanent: false/' \"$1\"\n");
    Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));
    Result edit =
        playground.run(
            Map.of("EDITOR", editor.toString()), "kubectl", "edit", "cognitouser", "diego");
    assertThat(edit.output()).as("kubectl edit").contains("edited");
    // kubectl wait reads a watch (which the in-memory server streams through its front door)
    kubectl(
        "wait",
        "--for=jsonpath={.status.userStatus}=FORCE_CHANGE_PASSWORD",
        "cognitouser/diego",
        "--timeout=60s");
    assertThat(kubectl("get", "cognitousers", "-o", "wide").output())
        .contains("TemporaryPasswordSet");
    // what Cognito holds (cognito-local may hand out tokens for a temporary password)
    assertThat(kubectl("get", "cognitouser", "diego").output()).contains("FORCE_CHANGE_PASSWORD");

    // kubectl delete, of both kinds
    assertThat(kubectl("delete", "cognitouser", "diego").output()).contains("deleted");
    assertThat(kubectl("delete", "secret", "diego-password").output()).contains("deleted");
    assertThat(kubectl("get", "cognitousers,secrets").output()).contains("No resources found");
    playground.awaitOutput("default/diego  deleted", Duration.ofSeconds(30));

    String output = playground.output();
    assertThat(output)
        .contains("export KUBECONFIG=" + playground.kubeconfig())
        .contains("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER=http://127.0.0.1:")
        .contains("default/diego  Ready=True  PasswordSet  CONFIRMED  password set ")
        .contains("default/diego  Ready=True  TemporaryPasswordSet  FORCE_CHANGE_PASSWORD");
    assertThat(TestPasswords.firstLeakIn(output + playground.operatorLog()))
        .as("test password #n in the playground's output or the operator's log")
        .isZero();

    playground.stop();
    assertThat(playground.output()).contains("stopped; nothing left running");
    assertThat(playground.announcedPids()).hasSize(apiServer.processes);
    for (long pid : playground.announcedPids()) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
          .as("process %d, started by the playground, after it stopped", pid)
          .isNotEqualTo(Optional.of(true));
    }
    assertThat(signIn(rotated).output()).contains("no playground is running");
  }

  /** kubectl reaches kube-apiserver itself, and its schema refuses what the CRD forbids. */
  private void theRealServerAnswersKubectlItself() throws Exception {
    assertThat(kubectl("version").output())
        .contains("Server Version: v" + RealApiServer.Binaries.pinned().version());
    Path incomplete = playground.dir().resolve("incomplete-user.yaml");
    Files.writeString(
        incomplete,
        String.join(
            "\n",
            "apiVersion: cognito.operator.dev/v1alpha1",
            "kind: CognitoUser",
            "metadata: {name: incomplete, namespace: default}",
            "spec: {username: someone@example.com}",
            ""));
    Result refused = playground.run("kubectl", "apply", "-f", incomplete.toString());
    assertThat(refused.exitCode()).as("kubectl apply of a CognitoUser without a pool").isNotZero();
    assertThat(refused.output()).contains("spec.userPoolId: Required value");
  }

  private Result kubectl(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "kubectl";
    System.arraycopy(args, 0, command, 1, args.length);
    Result result = playground.run(command);
    assertThat(result.exitCode())
        .as("kubectl %s:%n%s", String.join(" ", args), result.output())
        .isZero();
    return result;
  }

  private Result signIn(String password) {
    return playground.run("./playground", "sign-in", USER, password);
  }

  private static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
