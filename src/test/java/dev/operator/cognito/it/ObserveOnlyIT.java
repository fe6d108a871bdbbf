package dev.operator.cognito.it;

import static dev.operator.cognito.support.CognitoProxy.SET_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.ManagementPolicy;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import dev.operator.cognito.support.TestPasswords;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * managementPolicy ObserveOnly against cognito-local: users created outside the operator are read
 * and reported with a plan, never written; Full then applies the plan.
 */
@OperatorTest
class ObserveOnlyIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private static OperatorHarness harness;
  private static Pool pool;

  @BeforeAll
  static void start() {
    pool = harness.cognito().createPool(OperatorHarness.uniqueName("observe"));
  }

  @Test
  void aSecretThatDiffersIsPendingNotSetUntilFull() {
    String ns = harness.newNamespace("observe");
    String username = OperatorHarness.uniqueName("olga");
    String password = TestPasswords.next();
    harness.cognito().createUser(pool, username);
    harness.cognito().setAttributes(pool, username, Map.of("name", "Olga"));
    harness.putSecret(ns, "olga-password", Map.of("password", password));

    harness.createUser(
        ns,
        "olga",
        pool.id(),
        username,
        "olga-password",
        null,
        null,
        spec -> {
          spec.setManagementPolicy(ManagementPolicy.ObserveOnly);
          spec.setAttributes(Map.of("name", "Olga B", "email", "olga@example.com"));
        });

    CognitoUser observed = harness.awaitReason(ns, "olga", "Observed");
    assertThat(observed.getStatus().getPendingChanges())
        .containsExactly("password", "attributes: +email, ~name");
    assertThat(observed.getStatus().condition("InSync").orElseThrow().getStatus())
        .isEqualTo("False");
    assertThat(observed.getStatus().getUserStatus()).isNotBlank();
    assertThat(harness.proxy().writes(pool.id(), username)).isEmpty();
    assertThat(harness.cognito().attributes(pool, username)).containsEntry("name", "Olga");

    harness.editUser(ns, "olga", u -> u.getSpec().setManagementPolicy(ManagementPolicy.Full));

    CognitoUser full = harness.awaitReason(ns, "olga", "PasswordSet");
    assertThat(full.getStatus().getPendingChanges()).isNull();
    assertThat(full.getStatus().condition("InSync")).isEmpty();
    assertThat(harness.cognito().signIn(pool, username, password)).isEqualTo(SignIn.ACCEPTED);
    assertThat(harness.cognito().attributes(pool, username))
        .containsEntry("name", "Olga B")
        .containsEntry("email", "olga@example.com");
    assertThat(harness.proxy().writes(pool.id(), username))
        .as("exactly the plan: the password and the attributes")
        .containsExactlyInAnyOrder(SET_PASSWORD, "AdminUpdateUserAttributes");
  }

  @Test
  void aUserDeletedInCognitoWhileObservedIsReportedNotCreated() {
    String ns = harness.newNamespace("observe-gone");
    String username = OperatorHarness.uniqueName("gone");
    harness.cognito().createUser(pool, username);
    harness.putSecret(ns, "gone-password", Map.of("password", TestPasswords.next()));
    harness.createUser(
        ns,
        "gone",
        pool.id(),
        username,
        "gone-password",
        null,
        null,
        spec -> spec.setManagementPolicy(ManagementPolicy.ObserveOnly));
    harness.awaitReason(ns, "gone", "Observed");

    harness.cognito().deleteUser(pool, username);
    harness.requestPass(ns, "gone");

    harness.awaitReason(ns, "gone", "UserNotFound");
    assertThat(harness.cognito().exists(pool, username)).isFalse();
    assertThat(harness.proxy().writes(pool.id(), username)).isEmpty();
  }

  @Test
  void anObservedUserCannotBeTakenOverByAnotherCognitoUser() {
    String ns = harness.newNamespace("observe-claim");
    String username = OperatorHarness.uniqueName("held");
    harness.cognito().createUser(pool, username);
    harness.putSecret(ns, "held-password", Map.of("password", TestPasswords.next()));
    harness.createUser(
        ns,
        "watcher",
        pool.id(),
        username,
        "held-password",
        null,
        null,
        spec -> spec.setManagementPolicy(ManagementPolicy.ObserveOnly));
    harness.awaitReason(ns, "watcher", "Observed");

    harness.putSecret(ns, "taker-password", Map.of("password", TestPasswords.next()));
    harness.createUser(ns, "taker", pool.id(), username, "taker-password");

    harness.awaitReason(ns, "taker", "Conflict");
    await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> true);
    assertThat(harness.proxy().writes(pool.id(), username)).isEmpty();
  }
}
