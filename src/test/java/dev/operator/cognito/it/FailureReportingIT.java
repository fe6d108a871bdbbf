package dev.operator.cognito.it;

import static dev.operator.cognito.support.CognitoProxy.GET_USER;
import static dev.operator.cognito.support.CognitoProxy.SET_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.Condition;
import dev.operator.cognito.api.CreationPolicy;
import dev.operator.cognito.support.CognitoLocal;
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

/** Every failure shows as Ready=False with a reason and a message, and heals when fixed. */
@OperatorTest
class FailureReportingIT {

  private static OperatorHarness harness;
  private static Pool pool;

  @BeforeAll
  static void start() {
    pool = harness.cognito().createPool(OperatorHarness.uniqueName("failures"));
  }

  @Test
  void missingSecretIsReportedAndTheUserConvergesOnceItAppears() {
    String ns = harness.newNamespace("missing-secret");
    String username = OperatorHarness.uniqueName("erin");
    String password = TestPasswords.next();
    harness.cognito().createUser(pool, username);

    harness.createUser(ns, "erin", pool.id(), username, "erin-password");

    CognitoUser waiting = harness.awaitReason(ns, "erin", "SecretNotFound");
    Condition ready = readyOf(waiting);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(waiting.getStatus().condition("Stalled").map(Condition::getStatus))
        .as("kstatus: only a change can help")
        .contains("True");
    assertThat(ready.getMessage()).contains(ns + "/erin-password").contains("not found");
    assertThat(warnings(ns, "erin")).contains("SecretNotFound");

    harness.putSecret(ns, "erin-password", Map.of("password", password));

    assertConverged(ns, "erin", username, password);
  }

  @Test
  void missingKeyIsReportedAndTheUserConvergesOnceItIsAdded() {
    String ns = harness.newNamespace("missing-key");
    String username = OperatorHarness.uniqueName("frank");
    String password = TestPasswords.next();
    harness.cognito().createUser(pool, username);
    harness.putSecret(ns, "frank-password", Map.of("other", "not-the-password"));

    harness.createUser(ns, "frank", pool.id(), username, "frank-password", "pw", true);

    Condition ready = readyOf(harness.awaitReason(ns, "frank", "SecretKeyNotFound"));
    assertThat(ready.getMessage()).contains("'pw'").contains(ns + "/frank-password");

    harness.setSecretKey(ns, "frank-password", "pw", password);

    assertConverged(ns, "frank", username, password);
  }

  @Test
  void emptyPasswordIsReportedWithoutCallingCognito() {
    String ns = harness.newNamespace("empty");
    String username = OperatorHarness.uniqueName("gina");
    harness.cognito().createUser(pool, username);
    harness.putSecret(ns, "gina-password", Map.of("password", ""));

    harness.createUser(ns, "gina", pool.id(), username, "gina-password");

    assertThat(readyOf(harness.awaitReason(ns, "gina", "PasswordEmpty")).getMessage())
        .contains("'password'");
    assertThat(harness.proxy().calls(SET_PASSWORD, pool.id(), username)).isZero();
  }

  @Test
  void aSecretOfTheSameNameInAnotherNamespaceIsNeverUsed() {
    String home = harness.newNamespace("tenant-a");
    String other = harness.newNamespace("tenant-b");
    String username = OperatorHarness.uniqueName("hank");
    String othersPassword = TestPasswords.next();
    String ownPassword = TestPasswords.next();
    harness.cognito().createUser(pool, username);
    harness.putSecret(other, "shared-name", Map.of("password", othersPassword));

    harness.createUser(home, "hank", pool.id(), username, "shared-name");

    harness.awaitReason(home, "hank", "SecretNotFound");
    // the other namespace's Secret changes: still nothing for this user
    harness.setSecretKey(other, "shared-name", "password", TestPasswords.next());
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> harness.proxy().calls(SET_PASSWORD, pool.id(), username) == 0);

    harness.putSecret(home, "shared-name", Map.of("password", ownPassword));

    assertConverged(home, "hank", username, ownPassword);
    assertThat(harness.cognito().signIn(pool, username, othersPassword)).isEqualTo(SignIn.REFUSED);
  }

  @Test
  void aRegionThatIsNoAwsRegionOrDisagreesWithThePoolIsRefusedWithoutAnyCall() {
    String ns = harness.newNamespace("regions");
    String username = OperatorHarness.uniqueName("rex");
    harness.cognito().createUser(pool, username);
    harness.putSecret(ns, "rex-password", Map.of("password", TestPasswords.next()));

    // a tenant steering the signed request, and the password, to another AWS service's host
    harness.createUser(ns, "to-s3", "s3_AbC123", username, "rex-password");
    harness.createUser(
        ns,
        "mismatch",
        pool.id(),
        username,
        "rex-password",
        null,
        null,
        spec -> spec.setRegion("eu-west-1"));

    CognitoUser toS3 = harness.awaitReason(ns, "to-s3", "RegionNotAllowed");
    assertThat(readyOf(toS3).getMessage()).contains("'s3'").contains("not an AWS region");
    assertThat(toS3.getStatus().condition("Stalled").map(Condition::getStatus)).contains("True");
    assertThat(readyOf(harness.awaitReason(ns, "mismatch", "RegionMismatch")).getMessage())
        .contains("eu-west-1")
        .contains(pool.id());
    assertThat(harness.proxy().calls(SET_PASSWORD, "s3_AbC123", username)).isZero();
    assertThat(harness.proxy().calls(GET_USER, "s3_AbC123", username)).isZero();
  }

  @Test
  void aFederatedUserIsNotTurnedIntoANativeOne() {
    String ns = harness.newNamespace("federated");
    Pool federated = harness.cognito().federatedPool();
    String user = CognitoLocal.FEDERATED_USER;
    harness.putSecret(ns, "fed-password", Map.of("password", TestPasswords.next()));

    harness.createUser(ns, "fed", federated.id(), user, "fed-password");

    CognitoUser refused = harness.awaitReason(ns, "fed", "FederatedUser");
    assertThat(refused.getStatus().getUserStatus())
        .as("a refused CognitoUser's status shows nothing of the user")
        .isNull();
    assertThat(readyOf(refused).getMessage())
        .contains("allowFederatedUser")
        .contains("EXTERNAL_PROVIDER");
    assertThat(harness.proxy().calls(SET_PASSWORD, federated.id(), user)).isZero();
    assertThat(harness.cognito().userStatus(federated, user)).isEqualTo("EXTERNAL_PROVIDER");
  }

  @Test
  void unknownPoolAndUnknownUserAreReportedWhileOthersKeepWorking() {
    String ns = harness.newNamespace("unknown");
    String realUser = OperatorHarness.uniqueName("ivy");
    String password = TestPasswords.next();
    harness.cognito().createUser(pool, realUser);
    harness.putSecret(ns, "shared-password", Map.of("password", password));

    harness.createUser(ns, "no-pool", "us-east-1_NoSuchPool1", "ivy", "shared-password");
    // creationPolicy Never: the operator manages the user only once someone else made it
    harness.createUser(
        ns,
        "no-user",
        pool.id(),
        "nobody-by-this-name",
        "shared-password",
        null,
        true,
        spec -> spec.setCreationPolicy(CreationPolicy.Never));
    harness.createUser(ns, "ivy", pool.id(), realUser, "shared-password");

    assertThat(readyOf(harness.awaitReason(ns, "no-pool", "UserPoolNotFound")).getMessage())
        .contains("us-east-1_NoSuchPool1");
    assertThat(readyOf(harness.awaitReason(ns, "no-user", "UserNotFound")).getMessage())
        .contains("nobody-by-this-name");
    assertConverged(ns, "ivy", realUser, password);

    // the missing user is looked for again, so creating it in Cognito is enough to converge
    harness.cognito().createUser(pool, "nobody-by-this-name");
    harness.awaitReason(ns, "no-user", "PasswordSet");
    assertThat(harness.cognito().signIn(pool, "nobody-by-this-name", password))
        .isEqualTo(SignIn.ACCEPTED);
  }

  @Test
  void passwordRejectedByThePolicyWaitsForANewPassword() {
    String ns = harness.newNamespace("policy");
    String username = OperatorHarness.uniqueName("jack");
    String rejected = TestPasswords.next();
    String accepted = TestPasswords.next();
    harness.cognito().createUser(pool, username);
    harness.putSecret(ns, "jack-password", Map.of("password", rejected));
    StubMapping policy =
        harness
            .proxy()
            .failEvery(
                SET_PASSWORD,
                username,
                400,
                "InvalidPasswordException",
                "Password does not conform to policy: Password must have symbol characters");

    harness.createUser(ns, "jack", pool.id(), username, "jack-password");

    Condition ready = readyOf(harness.awaitReason(ns, "jack", "PasswordRejected"));
    assertThat(ready.getMessage()).contains("Password must have symbol characters");
    assertThat(warnings(ns, "jack")).contains("PasswordRejected");
    // only a new password can fix it: no retries meanwhile
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(6))
        .until(() -> harness.proxy().calls(SET_PASSWORD, pool.id(), username) == 1);

    harness.proxy().remove(policy);
    harness.setSecretKey(ns, "jack-password", "password", accepted);

    assertConverged(ns, "jack", username, accepted);
  }

  @Test
  void accessDeniedNamesTheCallAndIsCheckedAgainLater() {
    String ns = harness.newNamespace("denied");
    String username = OperatorHarness.uniqueName("nina");
    String password = TestPasswords.next();
    harness.cognito().createUser(pool, username);
    harness.putSecret(ns, "nina-password", Map.of("password", password));
    StubMapping denied =
        harness
            .proxy()
            .failEvery(
                SET_PASSWORD,
                username,
                400,
                "AccessDeniedException",
                "User is not authorized to perform: cognito-idp:AdminSetUserPassword");

    harness.createUser(ns, "nina", pool.id(), username, "nina-password");

    assertThat(readyOf(harness.awaitReason(ns, "nina", "AccessDenied")).getMessage())
        .contains("AdminSetUserPassword")
        .contains("not authorized");
    // fixed in IAM, outside the cluster: the next recheck (2s in these tests) converges
    harness.proxy().remove(denied);
    assertConverged(ns, "nina", username, password);
  }

  @Test
  void throttlingIsReportedAndRetriedWithBackoffUntilItPasses() {
    assertTransientFailureIsRetried(400, "TooManyRequestsException", "Rate exceeded", "Throttled");
  }

  @Test
  void cognitoOutageIsReportedAndRetriedWithBackoffUntilItPasses() {
    assertTransientFailureIsRetried(
        500, "InternalErrorException", "Internal server error", "CognitoUnavailable");
  }

  @Test
  void callsThatTimeOutOrLoseTheirConnectionAreRetriedUntilCognitoAnswers() {
    String ns = harness.newNamespace("timeouts");
    String slowUser = OperatorHarness.uniqueName("lou");
    String droppedUser = OperatorHarness.uniqueName("max");
    String password = TestPasswords.next();
    harness.cognito().createUser(pool, slowUser);
    harness.cognito().createUser(pool, droppedUser);
    harness.putSecret(ns, "password", Map.of("password", password));
    // the harness gives each Cognito call 2s
    StubMapping slow = harness.proxy().delayEvery(SET_PASSWORD, slowUser, 4_000);
    StubMapping dropped = harness.proxy().dropEvery(SET_PASSWORD, droppedUser);

    harness.createUser(ns, "lou", pool.id(), slowUser, "password");
    harness.createUser(ns, "max", pool.id(), droppedUser, "password");

    assertThat(readyOf(harness.awaitReason(ns, "lou", "CognitoUnavailable")).getMessage())
        .contains("timed out");
    harness.awaitReason(ns, "max", "CognitoUnavailable");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> harness.proxy().calls(SET_PASSWORD, pool.id(), droppedUser) >= 3);

    harness.proxy().remove(slow);
    harness.proxy().remove(dropped);

    harness.awaitReason(ns, "lou", "PasswordSet");
    assertConverged(ns, "max", slowUser, password);
    assertThat(harness.cognito().signIn(pool, droppedUser, password)).isEqualTo(SignIn.ACCEPTED);
  }

  private void assertTransientFailureIsRetried(
      int httpStatus, String errorType, String message, String reason) {
    String ns = harness.newNamespace(reason.toLowerCase());
    String username = OperatorHarness.uniqueName("kim");
    String password = TestPasswords.next();
    harness.cognito().createUser(pool, username);
    harness.putSecret(ns, "kim-password", Map.of("password", password));
    StubMapping failure =
        harness.proxy().failEvery(SET_PASSWORD, username, httpStatus, errorType, message);

    harness.createUser(ns, "kim", pool.id(), username, "kim-password");

    CognitoUser retrying = harness.awaitReason(ns, "kim", reason);
    assertThat(readyOf(retrying).getMessage()).contains(errorType);
    assertThat(retrying.getStatus().condition("Reconciling").map(Condition::getReason))
        .as("kstatus: retried with backoff")
        .contains(reason);
    assertThat(retrying.getStatus().condition("Stalled")).isEmpty();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> harness.proxy().calls(SET_PASSWORD, pool.id(), username) >= 3);
    assertThat(warnings(ns, "kim")).containsOnlyOnce(reason);

    harness.proxy().remove(failure);

    assertConverged(ns, "kim", username, password);
  }

  /** Ready with the password set, and Cognito accepts that password at sign-in. */
  private static void assertConverged(String ns, String name, String username, String password) {
    CognitoUser converged = harness.awaitReason(ns, name, "PasswordSet");
    assertThat(converged.getStatus().getConditions())
        .extracting(Condition::getType)
        .as("no Reconciling or Stalled once converged")
        .containsOnly("Ready");
    assertThat(harness.cognito().signIn(pool, username, password)).isEqualTo(SignIn.ACCEPTED);
  }

  private static Condition readyOf(CognitoUser user) {
    return user.getStatus().condition("Ready").orElseThrow();
  }

  private static java.util.List<String> warnings(String ns, String name) {
    return harness.events(ns, name).stream()
        .filter(e -> "Warning".equals(e.getType()))
        .map(Event::getReason)
        .toList();
  }
}
