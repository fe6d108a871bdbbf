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
 * The API server out of reach for a while (watches cut, connections refused), or refusing the
 * operator its Secrets: the operator keeps running, /readyz says what is wrong while it lasts, and
 * every change made meanwhile reaches Cognito afterwards.
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

  /**
   * An informer stopped by something other than an unreadable object: the operator's access to
   * Secrets revoked (every Secret request answered 403) just as its watches are cut, so the Secret
   * informer cannot list again. The process keeps running and retrying, /readyz names the one
   * informer that is not watching, and once access is back the rotation made meanwhile reaches
   * Cognito.
   */
  @Test
  void secretsForbiddenForAWhileAreWatchedAgainWhenAccessReturns() {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("forbidden"));
    String ns = harness.newNamespace("forbidden");
    var user = harness.manage(ns, "rita", pool, true);
    harness.awaitReason(ns, "rita", "PasswordSet");

    String rotated = TestPasswords.next();
    harness
        .realCluster()
        .revokeWhile(
            "secrets",
            () -> {
              network.cut();
              sleep(Duration.ofSeconds(1));
              network.restore();
              Awaitility.await()
                  .atMost(Duration.ofSeconds(60))
                  .until(
                      () ->
                          OperatorHarness.get(harness.httpPort(), "/readyz")
                              .equals("not ready: not watching: password-secrets\n"));
              harness.setSecretKey(ns, "rita-password", "password", rotated);
              sleep(Duration.ofSeconds(3));
              assertThat(OperatorHarness.get(harness.httpPort(), "/healthz")).isEqualTo("ok\n");
              assertThat(harness.cognito().signIn(pool, user.username(), rotated))
                  .as("no rotation while the Secret cannot be read")
                  .isNotEqualTo(SignIn.ACCEPTED);
            });

    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> harness.cognito().signIn(pool, user.username(), rotated) == SignIn.ACCEPTED);
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
