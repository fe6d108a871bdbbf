package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.support.JarRun;
import dev.operator.cognito.support.PlaygroundRun;
import java.time.Duration;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * {@code ./playground --demo}, as the README tells a newcomer to run it: on a real kube-apiserver
 * and etcd (the default once their binaries are built), and once on the in-memory API server.
 */
class PlaygroundDemoIT {

  @Test
  void thePlaygroundIsNotPartOfTheOperatorsJar() throws Exception {
    try (JarFile jar = new JarFile(JarRun.JAR.toFile())) {
      assertThat(jar.stream().map(JarEntry::getName))
          .contains("dev/operator/cognito/CognitoUserOperator.class")
          .noneMatch(name -> name.startsWith("dev/operator/cognito/playground/"))
          .noneMatch(name -> name.startsWith("io/fabric8/kubernetes/client/server/mock/"));
    }
  }

  @Test
  void theWalkThroughPassesOnARealApiServerUnderTheShippedRbac() throws Exception {
    PlaygroundRun.assumeRealApiServerIsTheDefault();
    try (PlaygroundRun demo = PlaygroundRun.start("--demo")) {
      int exitCode = demo.awaitExit(Duration.ofMinutes(8));
      String output = demo.output();

      assertThat(exitCode).as("exit code; output:%n%s", output).isZero();
      assertThat(output.lines().findFirst())
          .as("the first line says which API server")
          .hasValueSatisfying(line -> assertThat(line).contains("a real kube-apiserver and etcd"));
      assertThat(output)
          .contains("Kubernetes API  https://127.0.0.1:")
          .contains(
              "the operator runs as"
                  + " system:serviceaccount:cognito-user-operator:cognito-user-operator")
          .contains(
              "ok      step 11/11: the API server, judging by deploy/'s RBAC, refused none of the"
                  + " operator's requests");
      assertWalkThroughPassed(demo, 11);
      assertThat(demo.announcedPids())
          .as("the pids of kube-apiserver, etcd, cognito-local and the operator")
          .hasSize(4);
      assertThat(demo.dir().resolve("operator-kubeconfig"))
          .as("the kubeconfig with the operator's token, once the demo ended")
          .doesNotExist();
    }
  }

  @Test
  void theWalkThroughPassesInMemory() throws Exception {
    try (PlaygroundRun demo = PlaygroundRun.start("--demo", "--apiserver", "memory")) {
      int exitCode = demo.awaitExit(Duration.ofMinutes(5));
      String output = demo.output();

      assertThat(exitCode).as("exit code; output:%n%s", output).isZero();
      assertThat(output.lines().findFirst())
          .as("the first line says which API server")
          .hasValueSatisfying(line -> assertThat(line).contains("Kubernetes API: in memory"));
      assertThat(output).contains("Kubernetes API  http://127.0.0.1:").doesNotContain("step 11");
      assertWalkThroughPassed(demo, 10);
      assertThat(demo.announcedPids()).as("the pids of cognito-local and the operator").hasSize(2);
    }
  }

  private static void assertWalkThroughPassed(PlaygroundRun demo, int steps) {
    String output = demo.output();
    String of = "/" + steps + ": ";
    assertThat(output)
        .contains("ok      step 1" + of + "CognitoUser default/diego becomes Ready")
        .contains("ok      step 2" + of + "Cognito accepts the example password at sign-in")
        .contains("ok      step 4" + of + "the operator sets the new password in Cognito")
        .contains("ok      step 5" + of + "Cognito accepts the new password at sign-in")
        .contains("ok      step 6" + of + "Cognito refuses the old password")
        .contains(
            "ok      step 8"
                + of
                + "Cognito accepts the generated password from the Secret the operator made")
        .contains(
            "ok      step 10"
                + of
                + "Cognito accepts the rotated password and refuses the one before")
        .contains("every step passed")
        .doesNotContain("FAILED");
    for (long pid : demo.announcedPids()) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
          .as("process %d, started by the playground, after it ended", pid)
          .isNotEqualTo(Optional.of(true));
    }
    assertThat((output + demo.operatorLog()).contains(ExamplePassword.read()))
        .as("the example password appears in the playground's output or the operator's log")
        .isFalse();
  }
}
