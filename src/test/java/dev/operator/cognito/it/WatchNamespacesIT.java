package dev.operator.cognito.it;

import static dev.operator.cognito.support.CognitoProxy.SET_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operator.cognito.config.EnvironmentConfig;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestPasswords;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WATCH_NAMESPACES keeps the operator to the namespaces it names. */
@OperatorTest(settings = {EnvironmentConfig.WATCH_NAMESPACES + "=watched-a,watched-b"})
class WatchNamespacesIT {

  private static OperatorHarness harness;

  @Test
  void usersOutsideTheWatchedNamespacesAreLeftAlone() {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("watch"));
    String watchedUser = OperatorHarness.uniqueName("pat");
    String ignoredUser = OperatorHarness.uniqueName("quinn");
    harness.cognito().createUser(pool, watchedUser);
    harness.cognito().createUser(pool, ignoredUser);
    String ignored = harness.newNamespace("not-watched");
    for (String ns : new String[] {"watched-b", ignored}) {
      harness.ensureNamespace(ns);
      harness.putSecret(ns, "password", Map.of("password", TestPasswords.next()));
    }

    harness.createUser("watched-b", "pat", pool.id(), watchedUser, "password");
    harness.createUser(ignored, "quinn", pool.id(), ignoredUser, "password");

    harness.awaitReason("watched-b", "pat", "PasswordSet");
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> harness.user(ignored, "quinn").getStatus() == null);
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), ignoredUser)).isZero();
  }
}
