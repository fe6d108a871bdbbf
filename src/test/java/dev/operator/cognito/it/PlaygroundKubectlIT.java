package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operator.cognito.support.PlaygroundRun;
import dev.operator.cognito.support.PlaygroundRun.Result;
import dev.operator.cognito.support.TestPasswords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The interactive playground driven with a real kubectl, as the README's "try it" lines do: get,
 * describe, apply with stringData, edit and delete, a rotation accepted at {@code ./playground
 * sign-in}, and nothing left running once it is stopped. Skipped where no kubectl is installed.
 */
class PlaygroundKubectlIT {

  private static final String USER = "diego@example.com";
  private static PlaygroundRun playground;

  @BeforeAll
  static void start() {
    Assumptions.assumeTrue(
        onPath("kubectl"), "SKIPPED PlaygroundKubectlIT: no kubectl on the PATH");
    playground = PlaygroundRun.start();
    playground.awaitOutput("Ctrl-C stops everything", Duration.ofMinutes(2));
  }

  @AfterAll
  static void stop() {
    if (playground != null) {
      playground.close();
    }
  }

  @Test
  void kubectlDrivesThePlaygroundAndCtrlCLeavesNothingBehind() throws Exception {
    assertThat(
            kubectl("wait", "--for=condition=Ready", "cognitouser/diego", "--timeout=30s").output())
        .contains("condition met");
    assertThat(kubectl("get", "cognitousers", "-o", "wide").output())
        .contains("diego", USER, "us-west-2_EXAMPLE", "PasswordSet", "CONFIRMED");
    assertThat(kubectl("describe", "cognitouser", "diego").output())
        .contains("Ready", "PasswordSet", "cognito-user-operator");

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
    await().atMost(Duration.ofSeconds(30)).until(() -> signIn(rotated).exitCode() == 0);
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
    // kubectl wait reads a watch, which the in-memory server streams only through its front door
    kubectl(
        "wait",
        "--for=jsonpath={.status.userStatus}=FORCE_CHANGE_PASSWORD",
        "cognitouser/diego",
        "--timeout=30s");
    assertThat(kubectl("get", "cognitousers", "-o", "wide").output())
        .contains("TemporaryPasswordSet");
    // what Cognito holds (cognito-local may hand out tokens for a temporary password)
    assertThat(kubectl("get", "cognitouser", "diego").output()).contains("FORCE_CHANGE_PASSWORD");

    // kubectl delete, of both kinds
    assertThat(kubectl("delete", "cognitouser", "diego").output()).contains("deleted");
    assertThat(kubectl("delete", "secret", "diego-password").output()).contains("deleted");
    assertThat(kubectl("get", "cognitousers,secrets").output()).contains("No resources found");
    playground.awaitOutput("default/diego  deleted", Duration.ofSeconds(10));

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
    assertThat(playground.announcedPids()).hasSize(2);
    for (long pid : playground.announcedPids()) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
          .as("process %d, started by the playground, after it stopped", pid)
          .isNotEqualTo(Optional.of(true));
    }
    assertThat(signIn(rotated).output()).contains("no playground is running");
  }

  private static Result kubectl(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "kubectl";
    System.arraycopy(args, 0, command, 1, args.length);
    Result result = playground.run(command);
    assertThat(result.exitCode())
        .as("kubectl %s:%n%s", String.join(" ", args), result.output())
        .isZero();
    return result;
  }

  private static Result signIn(String password) {
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
