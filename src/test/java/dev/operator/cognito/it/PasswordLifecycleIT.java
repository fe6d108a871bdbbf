package dev.operator.cognito.it;

import static dev.operator.cognito.support.CognitoProxy.GET_USER;
import static dev.operator.cognito.support.CognitoProxy.SET_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.Condition;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import dev.operator.cognito.support.TestPasswords;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The happy paths, seen from outside: sign-ins, Cognito call counts, the CR's status. */
@OperatorTest
class PasswordLifecycleIT {

  private static OperatorHarness harness;
  private static Pool pool;

  @BeforeAll
  static void start() {
    pool = harness.cognito().createPool(OperatorHarness.uniqueName("lifecycle"));
  }

  @Test
  void permanentPasswordIsSetAndAcceptedAtSignIn() {
    String ns = harness.newNamespace("permanent");
    String username = OperatorHarness.uniqueName("alice");
    String password = TestPasswords.next();
    harness.cognito().createUser(pool, username);
    harness.putSecret(ns, "alice-password", Map.of("password", password));

    harness.createUser(ns, "alice", pool.id(), username, "alice-password", null, null);

    CognitoUser user = harness.awaitReason(ns, "alice", "PasswordSet");
    Condition ready = user.getStatus().condition("Ready").orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getMessage()).contains(username).contains(pool.id()).contains("CONFIRMED");
    assertThat(ready.getObservedGeneration()).isEqualTo(user.getMetadata().getGeneration());
    assertThat(user.getStatus().getObservedGeneration())
        .isEqualTo(user.getMetadata().getGeneration());
    assertThat(user.getStatus().getUserStatus()).isEqualTo("CONFIRMED");
    assertThat(user.getStatus().getAppliedPassword().getFingerprint()).startsWith("v1:");
    assertThat(harness.cognito().signIn(pool, username, password)).isEqualTo(SignIn.ACCEPTED);
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), username)).isEqualTo(1);
    assertThat(harness.events(ns, "alice"))
        .extracting(Event::getType, Event::getReason)
        .contains(org.assertj.core.groups.Tuple.tuple("Normal", "PasswordSet"));
  }

  /**
   * The base install does not let the operator write Secrets: generate is refused, and says why.
   */
  @Test
  void aGeneratedPasswordUnderAnInstallWithoutItIsRefusedWithHowToEnableIt() {
    String ns = harness.newNamespace("nogenerate");
    String username = OperatorHarness.uniqueName("robot");

    harness.createUser(
        ns,
        "robot",
        pool.id(),
        username,
        "robot-password",
        null,
        null,
        spec ->
            spec.getPasswordSecretRef()
                .setGenerate(new dev.operator.cognito.api.GeneratedPassword(24)));

    CognitoUser user = harness.awaitReason(ns, "robot", "GeneratedPasswordsDisabled");
    assertThat(user.getStatus().condition("Ready").orElseThrow().getMessage())
        .contains("generatedPasswords.enabled=true")
        .contains("GENERATED_PASSWORDS=enabled");
    assertThat(harness.kubernetes().secrets().inNamespace(ns).withName("robot-password").get())
        .isNull();
    assertThat(harness.proxy().operations(pool.id(), username)).isEmpty();
  }

  /** cognito.operator.dev/paused: nothing reaches Cognito until it goes, then one fresh read. */
  @Test
  void aPausedUserIsLeftAloneUntilResumed() {
    String ns = harness.newNamespace("paused");
    var user = harness.manage(ns, "pia", pool, true);
    harness.awaitReason(ns, "pia", "PasswordSet");
    harness.annotate(ns, "pia", Map.of("cognito.operator.dev/paused", "true"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> harness.user(ns, "pia").getStatus().condition("Paused").isPresent());
    int before = harness.proxy().operations(pool.id(), user.username()).size();

    String rotated = TestPasswords.next();
    harness.setSecretKey(ns, "pia-password", "password", rotated);
    harness.requestPass(ns, "pia");

    // the operator has seen both (it echoes nothing while paused, so wait a little)
    await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
    assertThat(harness.proxy().operations(pool.id(), user.username())).hasSize(before);
    CognitoUser paused = harness.user(ns, "pia");
    assertThat(paused.getStatus().isReady()).as("Ready stays as it was").isTrue();
    assertThat(harness.cognito().signIn(pool, user.username(), user.password()))
        .isEqualTo(SignIn.ACCEPTED);

    harness.editUser(
        ns, "pia", u -> u.getMetadata().getAnnotations().remove("cognito.operator.dev/paused"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(harness.cognito().signIn(pool, user.username(), rotated))
                    .isEqualTo(SignIn.ACCEPTED));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> harness.user(ns, "pia").getStatus().condition("Paused").isEmpty());
    assertThat(harness.proxy().operations(pool.id(), user.username()).subList(before, before + 2))
        .containsExactly(GET_USER, SET_PASSWORD);
  }

  @Test
  void rotatingTheSecretSetsTheNewPasswordAndRetiresTheOld() {
    String ns = harness.newNamespace("rotation");
    String username = OperatorHarness.uniqueName("bob");
    String oldPassword = TestPasswords.next();
    String newPassword = TestPasswords.next();
    harness.cognito().createUser(pool, username);
    harness.putSecret(ns, "bob-password", Map.of("password", oldPassword));
    harness.createUser(ns, "bob", pool.id(), username, "bob-password");
    harness.awaitReason(ns, "bob", "PasswordSet");

    harness.setSecretKey(ns, "bob-password", "password", newPassword);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(harness.cognito().signIn(pool, username, newPassword))
                    .isEqualTo(SignIn.ACCEPTED));
    assertThat(harness.cognito().signIn(pool, username, oldPassword)).isEqualTo(SignIn.REFUSED);
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), username)).isEqualTo(2);
  }

  @Test
  void changesThatLeaveThePasswordAloneWriteNothing() {
    String ns = harness.newNamespace("noop");
    String username = OperatorHarness.uniqueName("carol");
    String password = TestPasswords.next();
    harness.cognito().createUser(pool, username);
    harness.putSecret(ns, "carol-password", Map.of("password", password, "copy", password));
    harness.createUser(ns, "carol", pool.id(), username, "carol-password", "password", true);
    harness.awaitReason(ns, "carol", "PasswordSet");
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), username)).isEqualTo(1);

    // a label, an annotation and another key of the Secret change
    harness.editSecret(
        ns,
        "carol-password",
        s -> {
          s.getMetadata().getLabels().put("team", "a");
          s.getMetadata().getAnnotations().put("rotated-by", "nobody");
          s.getData().put("username", OperatorHarness.base64(username));
          return s;
        });
    // then the CR moves to another key holding the same password: a new generation to wait for,
    // reconciled after the Secret events above
    CognitoUser user = harness.user(ns, "carol");
    user.getSpec().getPasswordSecretRef().setKey("copy");
    long generation = harness.kubernetes().resource(user).update().getMetadata().getGeneration();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(harness.user(ns, "carol").getStatus().getObservedGeneration())
                    .isEqualTo(generation));
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), username)).isEqualTo(1);

    // an operator restart reads the user once more and writes nothing
    int readsBefore = harness.proxy().calls(GET_USER, pool.id(), username);
    harness.restartOperator();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> harness.proxy().calls(GET_USER, pool.id(), username) > readsBefore);
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), username)).isEqualTo(1);
    assertThat(harness.cognito().signIn(pool, username, password)).isEqualTo(SignIn.ACCEPTED);
  }

  @Test
  void aSecretDeletedAndRecreatedWithTheSamePasswordWritesNothing() {
    String ns = harness.newNamespace("recreated");
    String username = OperatorHarness.uniqueName("eve");
    String password = TestPasswords.next();
    harness.cognito().createUser(pool, username);
    harness.putSecret(ns, "eve-password", Map.of("password", password));
    harness.createUser(ns, "eve", pool.id(), username, "eve-password", null, false);
    harness.awaitReason(ns, "eve", "TemporaryPasswordSet");

    // as when a secrets controller or a GitOps sync replaces the Secret
    harness.kubernetes().secrets().inNamespace(ns).withName("eve-password").delete();
    harness.awaitReason(ns, "eve", "SecretNotFound");
    harness.putSecret(ns, "eve-password", Map.of("password", password));

    harness.awaitReason(ns, "eve", "TemporaryPasswordSet");
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), username)).isEqualTo(1);
  }

  @Test
  void temporaryPasswordIsNeverSetAgainOnceTheUserChoseTheirOwn() {
    String ns = harness.newNamespace("temporary");
    String username = OperatorHarness.uniqueName("dave");
    String temporary = TestPasswords.next();
    String chosen = TestPasswords.next();
    harness.cognito().createUser(pool, username);
    harness.putSecret(ns, "dave-password", Map.of("password", temporary));

    harness.createUser(ns, "dave", pool.id(), username, "dave-password", null, false);

    CognitoUser user = harness.awaitReason(ns, "dave", "TemporaryPasswordSet");
    assertThat(user.getStatus().getUserStatus()).isEqualTo("FORCE_CHANGE_PASSWORD");
    assertThat(harness.cognito().userStatus(pool, username)).isEqualTo("FORCE_CHANGE_PASSWORD");
    assertThat(harness.cognito().signIn(pool, username, temporary)).isNotEqualTo(SignIn.REFUSED);

    harness.cognito().userChoosesOwnPassword(pool, username, chosen);
    int readsBefore = harness.proxy().calls(GET_USER, pool.id(), username);
    harness.restartOperator();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(harness.user(ns, "dave").getStatus().getUserStatus())
                    .isEqualTo("CONFIRMED"));
    assertThat(harness.proxy().calls(GET_USER, pool.id(), username)).isGreaterThan(readsBefore);
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), username)).isEqualTo(1);
    assertThat(harness.cognito().signIn(pool, username, chosen)).isEqualTo(SignIn.ACCEPTED);
    assertThat(harness.cognito().signIn(pool, username, temporary)).isEqualTo(SignIn.REFUSED);
  }
}
