package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.support.JarRun;
import dev.operator.cognito.support.PlaygroundRun;
import java.time.Duration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** {@code ./playground --demo}, as the README tells a newcomer to run it. */
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
  void theWalkThroughPassesAndLeavesNothingRunning() throws Exception {
    try (PlaygroundRun demo = PlaygroundRun.start("--demo")) {
      int exitCode = demo.awaitExit(Duration.ofMinutes(3));
      String output = demo.output();

      assertThat(exitCode).as("exit code; output:%n%s", output).isZero();
      assertThat(output)
          .contains("ok      step 1/6: CognitoUser default/diego becomes Ready")
          .contains("ok      step 2/6: Cognito accepts the example password at sign-in")
          .contains("ok      step 4/6: the operator sets the new password in Cognito")
          .contains("ok      step 5/6: Cognito accepts the new password at sign-in")
          .contains("ok      step 6/6: Cognito refuses the old password")
          .contains("every step passed")
          .doesNotContain("FAILED");
      assertThat(demo.announcedPids()).as("the operator's and cognito-local's pids").hasSize(2);
      for (long pid : demo.announcedPids()) {
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
            .as("process %d, started by the playground, after it ended", pid)
            .isNotEqualTo(java.util.Optional.of(true));
      }
      assertThat((output + demo.operatorLog()).contains(ExamplePassword.read()))
          .as("the example password appears in the playground's output or the operator's log")
          .isFalse();
    }
  }
}
