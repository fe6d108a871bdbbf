package dev.operator.cognito.it;

import static dev.operator.cognito.support.CognitoProxy.SET_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.DeletionPolicy;
import dev.operator.cognito.controller.CognitoUserController;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestPasswords;
import dev.operator.cognito.support.Untyped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Status is a cache that anyone with rights on {@code cognitousers/status} can write: a tenant that
 * forges it (copying another tenant's records, or rewriting its own) gets no write and no delete
 * that the spec and Cognito, read in the same pass, would not allow.
 */
@OperatorTest(settings = {"USER_POOL_GRANTS=optional"})
class ForgedStatusIT {

  /** What an owner's status holds that the owner check and the password-only path might trust. */
  private static final List<String> FORGED_FIELDS =
      List.of(
          "canonicalUsername",
          "sub",
          "managedGroups",
          "managedAttributes",
          "appliedPassword",
          "userStatus",
          "enabled",
          "claim");

  private static OperatorHarness harness;
  private static Pool pool;

  @BeforeAll
  static void start() {
    pool = harness.cognito().createPool(OperatorHarness.uniqueName("forged"));
    harness.cognito().createGroup(pool, "staff");
    harness.cognito().createGroup(pool, "readers");
  }

  @Test
  void aStatusCopiedFromTheOwnerLeadsToNoWriteAndNoDelete() {
    forgeThenRotateThenDelete(forged -> forged);
  }

  @Test
  void aStatusNamingAnUnownedUserLeadsToNoWriteAndNoDelete() {
    // the owner's records, but naming a user nobody owns: an owner check that looks up the name in
    // status finds no owner
    String unowned = OperatorHarness.uniqueName("unowned");
    harness.cognito().createUser(pool, unowned);
    forgeThenRotateThenDelete(
        forged -> {
          forged.put("canonicalUsername", unowned);
          forged.put("sub", harness.cognito().attributes(pool, unowned).get("sub"));
          return forged;
        });
  }

  /**
   * team-a/alice owns alice; team-b/forger names alice too (deletionPolicy Delete) and is refused.
   * team-b writes team-a's records, passed through {@code tweak}, into forger's status, made to
   * look current; rotates forger's Secret, asks for a pass, and deletes forger. alice must see no
   * write and no delete.
   */
  private static void forgeThenRotateThenDelete(UnaryOperator<Map<String, Object>> tweak) {
    String teamA = harness.newNamespace("team-a");
    String teamB = harness.newNamespace("team-b");
    var alice = harness.manage(teamA, "alice", pool, true);
    harness.awaitReason(teamA, "alice", "PasswordSet");
    harness.putSecret(teamB, "forger-password", Map.of("password", TestPasswords.next()));
    harness.createUser(
        teamB,
        "forger",
        pool.id(),
        alice.username(),
        "forger-password",
        null,
        true,
        s -> s.setDeletionPolicy(DeletionPolicy.Delete));
    harness.awaitReason(teamB, "forger", "Conflict");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                harness
                    .user(teamB, "forger")
                    .getMetadata()
                    .getFinalizers()
                    .contains(CognitoUserController.FINALIZER));

    Map<String, Object> owners = Untyped.status(harness.kubernetes(), teamA, "alice");
    long generation = Untyped.generation(harness.kubernetes(), teamB, "forger");
    Map<String, Object> forged = new LinkedHashMap<>();
    for (String field : FORGED_FIELDS) {
      if (owners.containsKey(field)) {
        forged.put(field, owners.get(field));
      }
    }
    forged.put("observedGeneration", generation);
    forged.put("conditions", asOfGeneration(owners.get("conditions"), generation));
    Map<String, Object> written = tweak.apply(forged);
    Untyped.writeStatus(
        harness.kubernetes(),
        teamB,
        "forger",
        status -> {
          status.putAll(written);
          return status;
        });
    assertThat(Untyped.status(harness.kubernetes(), teamB, "forger").get("canonicalUsername"))
        .as("the forged status was stored")
        .isEqualTo(written.get("canonicalUsername"));

    // a rotation and a request for a pass: each might take the password-only path
    harness.setSecretKey(teamB, "forger-password", "password", TestPasswords.next());
    harness.requestPass(teamB, "forger");
    try {
      Awaitility.await()
          .during(Duration.ofSeconds(4))
          .atMost(Duration.ofSeconds(8))
          .until(() -> harness.proxy().calls(SET_PASSWORD, pool.id(), alice.username()) == 1);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // reported below, with the rest
    }

    harness
        .kubernetes()
        .resources(CognitoUser.class)
        .inNamespace(teamB)
        .withName("forger")
        .delete();
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> harness.user(teamB, "forger") == null);
    SoftAssertions.assertSoftly(
        soft -> {
          soft.assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), alice.username()))
              .as("AdminSetUserPassword calls for alice (the owner's only)")
              .isEqualTo(1);
          harness.assertUntouched(soft, pool, alice);
        });
  }

  @Test
  void anOwnerThatForgesItsManagedGroupsDoesNotTakeTheUserOutOfThem() {
    String teamA = harness.newNamespace("team-a");
    String gina = OperatorHarness.uniqueName("gina");
    harness.cognito().createUser(pool, gina);
    harness.putSecret(teamA, "gina-password", Map.of("password", TestPasswords.next()));
    harness.createUser(
        teamA,
        "gina",
        pool.id(),
        gina,
        "gina-password",
        null,
        true,
        s -> s.setGroups(List.of("readers")));
    harness.awaitReason(teamA, "gina", "PasswordSet");
    // someone else (an administrator, another system) puts gina in staff
    harness.cognito().addUserToGroup(pool, gina, "staff");

    // team-a, allowed to write its own status, claims the operator put her there
    Untyped.writeStatus(
        harness.kubernetes(),
        teamA,
        "gina",
        status -> {
          status.put("managedGroups", List.of("staff"));
          return status;
        });
    String requested = harness.requestPass(teamA, "gina");
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  requested.equals(
                      harness.user(teamA, "gina").getStatus().getLastHandledReconcileAt()));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // the assertions below say what the pass did, if any
    }

    SoftAssertions.assertSoftly(
        soft -> {
          soft.assertThat(harness.cognito().groups(pool, gina))
              .as("gina's groups")
              .contains("staff", "readers");
          soft.assertThat(harness.proxy().calls("AdminRemoveUserFromGroup", pool.id(), gina))
              .as("AdminRemoveUserFromGroup calls for gina")
              .isZero();
        });
  }

  /** The owner's conditions, each made to describe {@code generation}. */
  @SuppressWarnings("unchecked")
  private static List<Object> asOfGeneration(Object conditions, long generation) {
    List<Object> forged = new ArrayList<>();
    if (conditions instanceof List<?> list) {
      for (Object condition : list) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) condition);
        copy.put("observedGeneration", generation);
        forged.add(copy);
      }
    }
    return forged;
  }
}
