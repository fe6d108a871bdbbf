package dev.operator.cognito.it;

import static dev.operator.cognito.support.CognitoProxy.SET_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorHarness.Replica;
import dev.operator.cognito.support.PrometheusText;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import dev.operator.cognito.support.TestPasswords;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas against one API server, as the Deployment runs them: only the Lease's holder touches
 * Cognito, and when it stops the other takes over within the lease time.
 */
class LeaderElectionIT {

  /** JOSDK's default lease duration is 15 s; a take-over may also wait one retry period. */
  private static final Duration TAKE_OVER = Duration.ofSeconds(30);

  private static OperatorHarness harness;
  private static Pool pool;

  @BeforeAll
  static void start() {
    harness = OperatorHarness.withoutOperator();
    pool = harness.cognito().createPool(OperatorHarness.uniqueName("leader"));
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void onlyTheLeaderWritesAndTheOtherReplicaTakesOverWhenItStops() {
    Replica first = harness.startReplica(with("replica-a"));
    awaitHolder("replica-a", Duration.ofSeconds(20));
    try (Replica second = harness.startReplica(with("replica-b"))) {
      String ns = harness.newNamespace("leader");

      String username = harness.manage(ns, "lea", pool, true).username();

      harness.awaitReason(ns, "lea", "PasswordSet");
      assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), username)).isEqualTo(1);
      assertThat(passwordWrites(first)).as("writes by the leader").isEqualTo(1);
      assertThat(passwordWrites(second)).as("writes by the other replica").isZero();

      first.close();
      String rotated = TestPasswords.next();
      harness.setSecretKey(ns, "lea-password", "password", rotated);

      awaitHolder("replica-b", TAKE_OVER);
      await()
          .atMost(TAKE_OVER)
          .until(() -> harness.cognito().signIn(pool, username, rotated) == SignIn.ACCEPTED);
      assertThat(passwordWrites(second)).as("writes by the new leader").isEqualTo(1);
      assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), username)).isEqualTo(2);
    } finally {
      first.close();
    }
  }

  private static Map<String, String> with(String podName) {
    return Map.of("LEADER_ELECTION", "true", "POD_NAME", podName);
  }

  private static void awaitHolder(String identity, Duration timeout) {
    await().atMost(timeout).until(() -> holder().filter(identity::equals).isPresent());
  }

  private static Optional<String> holder() {
    Lease lease =
        harness
            .kubernetes()
            .leases()
            .inNamespace(OperatorHarness.OPERATOR_NAMESPACE)
            .withName("cognito-user-operator")
            .get();
    return Optional.ofNullable(lease).map(l -> l.getSpec().getHolderIdentity());
  }

  /** Successful AdminSetUserPassword calls that one replica made, from its own /metrics. */
  private static double passwordWrites(Replica replica) {
    return PrometheusText.value(
        replica.metrics(), "cognitouser_password_writes_total{outcome=\"success\"}");
  }
}
