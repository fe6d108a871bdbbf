package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operator.cognito.support.JarRun;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.TestCognito;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import dev.operator.cognito.support.TestPasswords;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped jar, started as the README says (java -jar, no arguments), configured only the
 * standard ways: KUBECONFIG for Kubernetes, AWS_* variables and
 * AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER for Cognito, and the operator's own variables.
 */
class ExecutableJarIT {

  private static OperatorHarness infrastructure;
  private static Process operator;
  private static Path output;
  private static int httpPort;
  private static Pool pool;
  private static String username;
  private static String password;

  @BeforeAll
  static void startTheJar() throws IOException {
    assertThat(JarRun.JAR).as("mvn package builds the runnable jar").exists();
    infrastructure = OperatorHarness.withoutOperator();
    // the Secret exists before the operator starts, so it is in the operator's first LIST
    pool = infrastructure.cognito().createPool(OperatorHarness.uniqueName("jar"));
    username = OperatorHarness.uniqueName("nora");
    password = TestPasswords.next();
    infrastructure.cognito().createUser(pool, username);
    infrastructure.putSecret("default", "nora-password", Map.of("password", password));
    output = Files.createTempFile("operator-jar-", ".log");
    httpPort = freePort();
    Map<String, String> env = new HashMap<>();
    env.putAll(OperatorHarness.testSettings(Map.of("HTTP_PORT", Integer.toString(httpPort))));
    env.put(
        "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", infrastructure.proxy().endpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", TestCognito.CREDENTIALS.accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", TestCognito.CREDENTIALS.secretAccessKey());
    env.put("AWS_REGION", "us-east-1");
    // the most verbose logging a user can ask for: still no password may appear
    env.put("LOG_LEVEL", "TRACE");
    env.put("LIBRARY_LOG_LEVEL", "TRACE");
    ProcessBuilder builder = JarRun.builder(infrastructure.operatorKubeconfig(), env, output);
    operator = builder.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (operator != null) {
      operator.destroy();
      operator.waitFor(10, TimeUnit.SECONDS);
      operator.destroyForcibly();
    }
    if (infrastructure != null) {
      infrastructure.close();
    }
  }

  @Test
  void theJarSetsPasswordsAndServesHealthWithoutLeakingThem() throws IOException {
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .untilAsserted(
            () -> assertThat(OperatorHarness.get(httpPort, "/readyz")).isEqualTo("ready\n"));
    assertThat(OperatorHarness.get(httpPort, "/healthz")).isEqualTo("ok\n");

    String ns = "default";
    infrastructure.createUser(ns, "nora", pool.id(), username, "nora-password");

    infrastructure.awaitReason(ns, "nora", "PasswordSet");
    assertThat(infrastructure.cognito().signIn(pool, username, password))
        .isEqualTo(SignIn.ACCEPTED);
    assertThat(OperatorHarness.get(httpPort, "/metrics"))
        .contains("cognito_calls_seconds_count{operation=\"AdminSetUserPassword\"");

    String log = Files.readString(output);
    assertThat(log).as("the operator's own log").contains("cognito-user-operator started");
    int leak = TestPasswords.firstLeakIn(log);
    assertThat(leak).as("test password #%d appeared in the operator's output", leak).isZero();
    infrastructure.assertNoPasswordLeaked();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
