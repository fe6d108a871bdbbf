package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.GeneratedPassword;
import dev.operator.cognito.support.JarRun;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code kubectl cognito}, run as a person runs it: kubectl finds deploy/kubectl-plugin/ on the
 * PATH and runs the launcher with the person's kubeconfig, against a real API server where the
 * operator keeps the users' status.
 */
@OperatorTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlPluginIT {

  private static OperatorHarness harness;
  private static Pool pool;
  private static String ns;
  private static Path kubeconfig;

  @BeforeAll
  static void start() throws IOException {
    pool = harness.cognito().createPool(OperatorHarness.uniqueName("plugin"));
    ns = harness.newNamespace("plugin");
    harness.manage(ns, "diego", pool, true);
    harness.awaitReason(ns, "diego", "PasswordSet");
    kubeconfig = Files.createTempFile(Path.of("target"), "admin-", ".kubeconfig");
    Files.writeString(kubeconfig, Files.readString(harness.realCluster().server().kubeconfig()));
  }

  @Test
  @Order(1)
  void statusIsATableOfTheUsersAsTheOperatorReportsThem() throws Exception {
    Run run = kubectl(kubeconfig, "cognito", "status", "-n", ns);

    assertThat(run.code()).as(run.output()).isZero();
    assertThat(run.output().lines().findFirst())
        .hasValueSatisfying(
            header ->
                assertThat(header)
                    .contains(
                        "NAME",
                        "USERNAME",
                        "READY",
                        "REASON",
                        "USER STATUS",
                        "PAUSED",
                        "PENDING CHANGES"));
    assertThat(run.output())
        .contains("diego")
        .contains("True")
        .contains("PasswordSet")
        .contains("CONFIRMED");

    Run all = kubectl(kubeconfig, "cognito", "status", "-A");
    assertThat(all.output()).startsWith("NAMESPACE").contains(ns);
  }

  @Test
  @Order(2)
  void reconcilePauseAndResumeSetTheAnnotationsTheOperatorActsOn() throws Exception {
    Run reconcile = kubectl(kubeconfig, "cognito", "reconcile", "diego", "-n", ns);
    assertThat(reconcile.code()).as(reconcile.output()).isZero();
    String requested =
        harness
            .user(ns, "diego")
            .getMetadata()
            .getAnnotations()
            .get("cognito.operator.dev/reconcile-requested-at");
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                requested.equals(
                    harness.user(ns, "diego").getStatus().getLastHandledReconcileAt()));

    assertThat(kubectl(kubeconfig, "cognito", "pause", "diego", "-n", ns).code()).isZero();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> harness.user(ns, "diego").getStatus().condition("Paused").isPresent());
    assertThat(kubectl(kubeconfig, "cognito", "status", "diego", "-n", ns).output())
        .contains("since ");

    assertThat(kubectl(kubeconfig, "cognito", "resume", "diego", "-n", ns).code()).isZero();
    CognitoUser resumed = harness.user(ns, "diego");
    assertThat(resumed.getMetadata().getAnnotations())
        .doesNotContainKey("cognito.operator.dev/paused");
  }

  @Test
  @Order(3)
  void rotateIsRefusedForAPasswordTheOperatorDidNotGenerate() throws Exception {
    Run run = kubectl(kubeconfig, "cognito", "rotate", "diego", "-n", ns);

    assertThat(run.code()).isOne();
    assertThat(run.output()).contains("has no generated password").hasLineCount(1);
    assertThat(harness.user(ns, "diego").getMetadata().getAnnotations())
        .doesNotContainKey("cognito.operator.dev/rotate-requested-at");
  }

  @Test
  @Order(4)
  void rotateAsksForANewGeneratedPassword() throws Exception {
    harness.createUser(
        ns,
        "robot",
        pool.id(),
        OperatorHarness.uniqueName("robot"),
        "robot-password",
        null,
        null,
        spec -> spec.getPasswordSecretRef().setGenerate(new GeneratedPassword(24)));

    Run run = kubectl(kubeconfig, "cognito", "rotate", "robot", "-n", ns);

    assertThat(run.code()).as(run.output()).isZero();
    assertThat(harness.user(ns, "robot").getMetadata().getAnnotations())
        .containsKey("cognito.operator.dev/rotate-requested-at");
  }

  @Test
  @Order(5)
  void withoutRightsTheAnswerIsOneLineSayingWhich() throws Exception {
    var client = harness.kubernetes();
    client
        .serviceAccounts()
        .inNamespace(ns)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName("nobody").endMetadata().build())
        .create();
    String token =
        client
            .serviceAccounts()
            .inNamespace(ns)
            .withName("nobody")
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    var admin = client.getConfiguration();
    Path nobody = Files.createTempFile(Path.of("target"), "nobody-", ".kubeconfig");
    Files.writeString(
        nobody, JarRun.kubeconfig(admin.getMasterUrl(), admin.getCaCertFile(), token));

    Run run = kubectl(nobody, "cognito", "status", "-n", ns);

    assertThat(run.code()).isOne();
    assertThat(run.output())
        .hasLineCount(1)
        .contains("you may not list cognitousers in namespace " + ns);
    Files.delete(nobody);
  }

  @Test
  @Order(6)
  void withoutTheCrdsTheAnswerIsOneLineSayingHowToInstallThem() throws Exception {
    harness
        .kubernetes()
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName("cognitousers.cognito.operator.dev")
        .delete();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                harness
                        .kubernetes()
                        .apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName("cognitousers.cognito.operator.dev")
                        .get()
                    == null);
    harness.stopOperator();

    try {
      Run run = kubectl(kubeconfig, "cognito", "status", "-n", ns);

      assertThat(run.code()).isOne();
      assertThat(run.output())
          .hasLineCount(1)
          .contains("does not serve cognitousers.cognito.operator.dev")
          .contains("kubectl apply -f crds/");
    } finally {
      // the class's closing checks list CognitoUsers
      dev.operator.cognito.support.RealTestCluster.applyCrds(harness.realCluster().server());
    }
  }

  private record Run(int code, String output) {}

  /** kubectl itself, with deploy/kubectl-plugin first on the PATH, as a person installs it. */
  private static Run kubectl(Path config, String... args) throws Exception {
    String kubectl = harness.realCluster().server().kubectl().toString();
    java.util.List<String> command = new java.util.ArrayList<>();
    command.add(kubectl);
    command.addAll(java.util.List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("KUBECONFIG", config.toString());
    env.put(
        "PATH", Path.of("deploy/kubectl-plugin").toAbsolutePath() + ":" + System.getenv("PATH"));
    env.put("COGNITO_OPERATOR_JAR", JarRun.JAR.toAbsolutePath().toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }
}
