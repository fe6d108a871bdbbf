package dev.operator.cognito.it;

import static dev.operator.cognito.support.CognitoProxy.GET_USER;
import static dev.operator.cognito.support.CognitoProxy.SET_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operator.cognito.config.EnvironmentConfig;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestPasswords;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With a short status-refresh interval the operator reconciles every user again and again (a
 * resync): it reads the user's status each time, picks up changes made in Cognito, and never writes
 * the password again.
 */
@OperatorTest(settings = {EnvironmentConfig.STATUS_REFRESH_INTERVAL + "=1s"})
class PeriodicRefreshIT {

  private static OperatorHarness harness;
  private static Pool pool;

  @BeforeAll
  static void start() {
    pool = harness.cognito().createPool(OperatorHarness.uniqueName("refresh"));
  }

  @Test
  void resyncsReadTheStatusButNeverWriteThePasswordAgain() {
    String ns = harness.newNamespace("resync");
    String username = OperatorHarness.uniqueName("liam");
    harness.cognito().createUser(pool, username);
    harness.putSecret(ns, "liam-password", Map.of("password", TestPasswords.next()));
    harness.createUser(ns, "liam", pool.id(), username, "liam-password", null, false);
    harness.awaitReason(ns, "liam", "TemporaryPasswordSet");
    int readsAfterWrite = harness.proxy().calls(GET_USER, pool.id(), username);

    // the user picks their own password in Cognito: a later refresh reports it
    harness.cognito().userChoosesOwnPassword(pool, username, TestPasswords.next());

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> harness.proxy().calls(GET_USER, pool.id(), username) >= readsAfterWrite + 3);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(harness.user(ns, "liam").getStatus().getUserStatus())
                    .isEqualTo("CONFIRMED"));
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), username)).isEqualTo(1);
  }

  @Test
  void servesHealthReadinessAndCognitoCallMetrics() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path : new String[] {"/healthz", "/readyz"}) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.httpPort() + path))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(200);
    }
    String ns = harness.newNamespace("metrics");
    String username = OperatorHarness.uniqueName("mia");
    harness.cognito().createUser(pool, username);
    harness.putSecret(ns, "mia-password", Map.of("password", TestPasswords.next()));
    harness.createUser(ns, "mia", pool.id(), username, "mia-password");
    harness.awaitReason(ns, "mia", "PasswordSet");

    String metrics = harness.scrapeMetrics();
    assertThat(metrics)
        .contains(
            "cognito_calls_seconds_count{operation=\"AdminSetUserPassword\",outcome=\"success\"")
        .contains("cognito_calls_seconds_count{operation=\"AdminGetUser\",outcome=\"success\"")
        .contains("operator_sdk_");
  }
}
