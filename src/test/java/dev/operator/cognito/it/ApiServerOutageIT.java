package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.TcpProxy;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import dev.operator.cognito.support.TestPasswords;
import java.net.URI;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API server out of reach for a while (watches cut, connections refused): the operator keeps
 * running, /readyz says what is wrong while it lasts, and every change made meanwhile reaches
 * Cognito afterwards.
 */
class ApiServerOutageIT {

  private static OperatorHarness harness;
  private static TcpProxy network;

  @BeforeAll
  static void start() {
    harness = OperatorHarness.withoutOperator();
    URI api = URI.create(harness.kubernetesUrl());
    network = new TcpProxy(api.getHost(), api.getPort());
    harness.startOperatorThrough(network);
  }

  @AfterAll
  static void stop() {
    OperatorHarness.checkForLeaksAndClose(harness);
    network.close();
  }

  @Test
  void changesMadeWhileTheApiServerWasOutOfReachReachCognitoAfterwards() {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("outage"));
    String ns = harness.newNamespace("outage");
    var before = harness.manage(ns, "vera", pool, true);
    harness.awaitReason(ns, "vera", "PasswordSet");

    network.cut();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> OperatorHarness.get(harness.httpPort(), "/readyz").startsWith("not ready"));
    assertThat(OperatorHarness.get(harness.httpPort(), "/readyz")).contains("not watching");
    assertThat(OperatorHarness.get(harness.httpPort(), "/healthz")).isEqualTo("ok\n");

    String rotated = TestPasswords.next();
    harness.setSecretKey(ns, "vera-password", "password", rotated);
    var added = harness.manage(ns, "walt", pool, true);
    sleep(Duration.ofSeconds(3));
    network.restore();

    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> harness.cognito().signIn(pool, before.username(), rotated) == SignIn.ACCEPTED);
    harness.awaitReason(ns, "walt", "PasswordSet");
    assertThat(harness.cognito().signIn(pool, added.username(), added.password()))
        .isEqualTo(SignIn.ACCEPTED);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> OperatorHarness.get(harness.httpPort(), "/readyz").equals("ready\n"));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
