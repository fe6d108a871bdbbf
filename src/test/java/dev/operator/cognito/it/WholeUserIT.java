package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.DeletionPolicy;
import dev.operator.cognito.controller.CognitoUserController;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import dev.operator.cognito.support.TestPasswords;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The whole user against cognito-local: created on an empty pool with its attributes and groups,
 * edited facet by facet, left alone when nothing changed, and deleted as deletionPolicy says.
 */
@OperatorTest
class WholeUserIT {

  private static OperatorHarness harness;

  @Test
  void aCognitoUserOnAnEmptyPoolBecomesAWorkingUserAndEditsChangeOnlyWhatWasEdited() {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("whole"));
    harness.cognito().createGroup(pool, "admins");
    harness.cognito().createGroup(pool, "readers");
    String ns = harness.newNamespace("whole");
    String username = OperatorHarness.uniqueName("nora");
    String password = TestPasswords.next();
    harness.putSecret(ns, "nora-password", Map.of("password", password));

    harness.createUser(
        ns,
        "nora",
        pool.id(),
        username,
        "nora-password",
        null,
        true,
        spec -> {
          spec.setAttributes(Map.of("email", "nora@example.com", "given_name", "Nora"));
          spec.setGroups(List.of("admins", "readers"));
        });

    CognitoUser ready = harness.awaitReason(ns, "nora", "PasswordSet");
    assertThat(harness.cognito().signIn(pool, username, password)).isEqualTo(SignIn.ACCEPTED);
    assertThat(harness.cognito().attributes(pool, username))
        .containsEntry("email", "nora@example.com")
        .containsEntry("given_name", "Nora");
    assertThat(harness.cognito().groups(pool, username)).containsExactly("admins", "readers");
    assertThat(ready.getStatus().getSub()).isNotBlank();
    assertThat(ready.getStatus().getEnabled()).isTrue();
    assertThat(ready.getStatus().getManagedAttributes()).containsExactly("email", "given_name");
    assertThat(ready.getStatus().getManagedGroups()).containsExactly("admins", "readers");
    assertThat(harness.proxy().writes(pool.id(), username))
        .containsExactly(
            "AdminCreateUser",
            "AdminSetUserPassword",
            "AdminAddUserToGroup",
            "AdminAddUserToGroup");

    assertThat(harness.proxy().fieldOf("AdminCreateUser", pool.id(), username, "MessageAction"))
        .as("Cognito sends no invitation of its own")
        .containsExactly("SUPPRESS");

    // one facet edited: only that facet is written
    int before = harness.proxy().writes(pool.id(), username).size();
    harness.editUser(
        ns, "nora", u -> u.getSpec().setAttributes(Map.of("email", "nora@example.com")));
    awaitWrites(pool, username, before + 1);
    assertThat(harness.proxy().writes(pool.id(), username).subList(before, before + 1))
        .containsExactly("AdminDeleteUserAttributes");
    assertThat(harness.cognito().attributes(pool, username)).doesNotContainKey("given_name");

    harness.editUser(ns, "nora", u -> u.getSpec().setEnabled(false));
    awaitWrites(pool, username, before + 2);
    assertThat(harness.proxy().writes(pool.id(), username).get(before + 1))
        .isEqualTo("AdminDisableUser");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Boolean.FALSE.equals(harness.user(ns, "nora").getStatus().getEnabled()));
    assertThat(harness.cognito().enabled(pool, username)).isFalse();

    harness.editUser(ns, "nora", u -> u.getSpec().setGroups(List.of("readers")));
    awaitWrites(pool, username, before + 3);
    assertThat(harness.proxy().writes(pool.id(), username).get(before + 2))
        .isEqualTo("AdminRemoveUserFromGroup");
    assertThat(harness.cognito().groups(pool, username)).containsExactly("readers");

    // a restart with nothing changed reads the user once and writes nothing of any kind
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                harness.user(ns, "nora").getStatus().getManagedGroups().equals(List.of("readers")));
    int writes = harness.proxy().writes(pool.id(), username).size();
    int reads = harness.proxy().calls("AdminGetUser", pool.id(), username);
    harness.restartOperator();
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> harness.proxy().calls("AdminGetUser", pool.id(), username) > reads);
    harness.annotate(ns, "nora", Map.of("unrelated", "edit"));
    sleepQuietly(Duration.ofSeconds(2));
    assertThat(harness.proxy().writes(pool.id(), username)).hasSize(writes);
  }

  @Test
  void aReconcileRequestReadsTheUserAfreshAndIsEchoed() {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("requested"));
    String ns = harness.newNamespace("requested");
    var user = harness.manage(ns, "omar", pool, true);
    harness.awaitReason(ns, "omar", "PasswordSet");
    int reads = harness.proxy().calls("AdminGetUser", pool.id(), user.username());

    harness.annotate(
        ns, "omar", Map.of("cognito.operator.dev/reconcile-requested-at", "2026-11-27T10:00:00Z"));

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                "2026-11-27T10:00:00Z"
                    .equals(harness.user(ns, "omar").getStatus().getLastHandledReconcileAt()));
    assertThat(harness.proxy().calls("AdminGetUser", pool.id(), user.username()))
        .isGreaterThan(reads);
    assertThat(harness.proxy().calls("AdminSetUserPassword", pool.id(), user.username()))
        .isEqualTo(1);
  }

  @Test
  void aMissingGroupIsReportedUntilItExists() {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("groups"));
    String ns = harness.newNamespace("groups");
    String username = OperatorHarness.uniqueName("pia");
    harness.putSecret(ns, "pia-password", Map.of("password", TestPasswords.next()));
    // cognito-local answers a missing group with HTTP 500; Cognito itself, as here
    var noGroup =
        harness
            .proxy()
            .failEvery(
                "AdminAddUserToGroup",
                username,
                400,
                "ResourceNotFoundException",
                "Group not found.");
    harness.createUser(
        ns,
        "pia",
        pool.id(),
        username,
        "pia-password",
        null,
        true,
        spec -> spec.setGroups(List.of("operators")));

    CognitoUser missing = harness.awaitReason(ns, "pia", "GroupNotFound");
    assertThat(missing.getStatus().getConditions())
        .filteredOn(c -> c.getType().equals("Ready"))
        .allSatisfy(c -> assertThat(c.getMessage()).contains("operators"));

    harness.cognito().createGroup(pool, "operators");
    harness.proxy().remove(noGroup);

    harness.awaitReason(ns, "pia", "PasswordSet");
    assertThat(harness.cognito().groups(pool, username)).containsExactly("operators");
  }

  @Test
  void deletionPolicyDeleteRemovesTheUserAndRetainLeavesIt() {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("deletion"));
    String ns = harness.newNamespace("deletion");
    var doomed = harness.manage(ns, "quinn", pool, true);
    var kept = harness.manage(ns, "rhea", pool, true);
    harness.editUser(ns, "quinn", u -> u.getSpec().setDeletionPolicy(DeletionPolicy.Delete));
    harness.awaitReason(ns, "rhea", "PasswordSet");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                harness
                    .user(ns, "quinn")
                    .getMetadata()
                    .getFinalizers()
                    .contains(CognitoUserController.FINALIZER));
    assertThat(harness.user(ns, "rhea").getMetadata().getFinalizers()).isEmpty();

    harness.kubernetes().resources(CognitoUser.class).inNamespace(ns).withName("quinn").delete();
    harness.kubernetes().resources(CognitoUser.class).inNamespace(ns).withName("rhea").delete();

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> harness.user(ns, "quinn") == null && harness.user(ns, "rhea") == null);
    assertThat(harness.cognito().exists(pool, doomed.username())).isFalse();
    assertThat(harness.cognito().exists(pool, kept.username())).isTrue();
  }

  @Test
  void theFinalizerGoesWhenThePolicyGoesBackToRetain() {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("retain"));
    String ns = harness.newNamespace("retain");
    var user = harness.manage(ns, "sami", pool, true);
    harness.editUser(ns, "sami", u -> u.getSpec().setDeletionPolicy(DeletionPolicy.Delete));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !harness.user(ns, "sami").getMetadata().getFinalizers().isEmpty());

    harness.editUser(ns, "sami", u -> u.getSpec().setDeletionPolicy(DeletionPolicy.Retain));

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> harness.user(ns, "sami").getMetadata().getFinalizers().isEmpty());
    harness.kubernetes().resources(CognitoUser.class).inNamespace(ns).withName("sami").delete();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> harness.user(ns, "sami") == null);
    assertThat(harness.cognito().exists(pool, user.username())).isTrue();
  }

  private static void awaitWrites(Pool pool, String username, int count) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> harness.proxy().writes(pool.id(), username).size() >= count);
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
