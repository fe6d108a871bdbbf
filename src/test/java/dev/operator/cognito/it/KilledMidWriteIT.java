package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.support.ApiServerKind;
import dev.operator.cognito.support.JarRun;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.TestCognito;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import dev.operator.cognito.support.TestPasswords;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator killed with SIGKILL after Cognito accepted a password and before the status recorded
 * it. On return, a permanent password is set once more (the one documented double write), and a
 * user who has since chosen their own password is not sent back to FORCE_CHANGE_PASSWORD.
 */
class KilledMidWriteIT {

  private static OperatorHarness infrastructure;
  private static Process operator;
  private static final java.util.List<java.nio.file.Path> logs = new java.util.ArrayList<>();

  @BeforeAll
  static void start() {
    // in memory: it holds the status patches unanswered, which a real server cannot be made to do
    infrastructure = OperatorHarness.withoutOperator(ApiServerKind.MEMORY);
  }

  @AfterAll
  static void stop() throws InterruptedException, IOException {
    stopJar();
    for (var log : logs) {
      int leak = TestPasswords.firstLeakIn(Files.readString(log));
      assertThat(leak).as("test password #%d appeared in the jar's output", leak).isZero();
    }
    OperatorHarness.checkForLeaksAndClose(infrastructure);
  }

  @Test
  void onReturnOnlyThePermanentPasswordIsWrittenAgain() throws Exception {
    Pool pool = infrastructure.cognito().createPool(OperatorHarness.uniqueName("killed"));
    String ns = infrastructure.newNamespace("killed");
    // the status patches never come back: the process dies while it waits for them
    infrastructure
        .cluster()
        .hold(r -> "PATCH".equalsIgnoreCase(r.getMethod()) && r.getPath().contains("/status"));
    startJar();
    var permanent = infrastructure.manage(ns, "pat", pool, true);
    var temporary = infrastructure.manage(ns, "tim", pool, false);
    Awaitility.await()
        // the jar's start included: minutes on a loaded machine
        .atMost(Duration.ofSeconds(180))
        .until(
            () ->
                writes(pool, permanent.username()) == 1 && writes(pool, temporary.username()) == 1);

    operator.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    infrastructure.cluster().serveAll();
    assertThat(infrastructure.user(ns, "pat").getStatus()).as("nothing was recorded").isNull();
    String chosen = TestPasswords.next();
    infrastructure.cognito().userChoosesOwnPassword(pool, temporary.username(), chosen);

    startJar();

    infrastructure.awaitReason(ns, "pat", "PasswordSet");
    infrastructure.awaitReason(ns, "tim", "TemporaryPasswordNotReissued");
    assertThat(writes(pool, permanent.username()))
        .as("the documented double write: no record survived, so it is set once more")
        .isEqualTo(2);
    assertThat(writes(pool, temporary.username())).isEqualTo(1);
    assertThat(infrastructure.cognito().userStatus(pool, temporary.username()))
        .isEqualTo("CONFIRMED");
    assertThat(infrastructure.cognito().signIn(pool, temporary.username(), chosen))
        .isEqualTo(SignIn.ACCEPTED);
    assertThat(infrastructure.cognito().signIn(pool, permanent.username(), permanent.password()))
        .isEqualTo(SignIn.ACCEPTED);
  }

  private static int writes(Pool pool, String username) {
    return infrastructure.proxy().calls("AdminSetUserPassword", pool.id(), username);
  }

  private static void startJar() throws IOException {
    Map<String, String> env = new HashMap<>(OperatorHarness.testSettings(Map.of()));
    env.put(
        "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", infrastructure.proxy().endpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", TestCognito.CREDENTIALS.accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", TestCognito.CREDENTIALS.secretAccessKey());
    env.put("AWS_REGION", "us-east-1");
    var log = Files.createTempFile("operator-killed-", ".log");
    logs.add(log);
    operator = JarRun.builder(infrastructure.operatorKubeconfig(), env, log).start();
  }

  private static void stopJar() throws InterruptedException {
    if (operator != null) {
      operator.destroy();
      if (!operator.waitFor(10, TimeUnit.SECONDS)) {
        operator.destroyForcibly();
      }
    }
  }
}
