package dev.operator.cognito.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.ReadyReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

class SdkFailureClassifierTest {

  private static final UserTarget TARGET = UserTarget.of(null, "us-west-2_POOL", "diego");
  private static final SecretValue PASSWORD = new SecretValue("Very$ecret1");
  private final SdkFailureClassifier classifier = new SdkFailureClassifier();

  @ParameterizedTest
  @CsvSource({
    "InvalidPasswordException, 400, PasswordRejected, NEEDS_CHANGE",
    "PasswordHistoryPolicyViolationException, 400, PasswordRejected, NEEDS_CHANGE",
    "InvalidParameterException, 400, InvalidRequest, NEEDS_CHANGE",
    "UserNotFoundException, 400, UserNotFound, OUTSIDE_CLUSTER",
    "ResourceNotFoundException, 400, UserPoolNotFound, OUTSIDE_CLUSTER",
    "NotAuthorizedException, 400, AccessDenied, OUTSIDE_CLUSTER",
    "AccessDeniedException, 400, AccessDenied, OUTSIDE_CLUSTER",
    "UnrecognizedClientException, 400, AccessDenied, OUTSIDE_CLUSTER",
    "TooManyRequestsException, 400, Throttled, TRANSIENT",
    "ThrottlingException, 400, Throttled, TRANSIENT",
    "LimitExceededException, 400, Throttled, TRANSIENT",
    "InternalErrorException, 500, CognitoUnavailable, TRANSIENT",
    "SomethingNewException, 503, CognitoUnavailable, TRANSIENT",
    "SomethingNewException, 429, Throttled, TRANSIENT",
    "SomethingNewException, 403, AccessDenied, OUTSIDE_CLUSTER"
  })
  void serviceErrorsAreSortedByWhatFixesThem(
      String code, int status, ReadyReason reason, FailureKind kind) {
    CognitoFailure failure =
        classifier.classify("AdminSetUserPassword", TARGET, PASSWORD, service(code, status, "m"));

    assertThat(failure.reason()).isEqualTo(reason);
    assertThat(failure.kind()).isEqualTo(kind);
  }

  @Test
  void policyRejectionCarriesCognitosMessage() {
    CognitoFailure failure =
        classifier.classify(
            "AdminSetUserPassword",
            TARGET,
            PASSWORD,
            service("InvalidPasswordException", 400, "Password not long enough"));

    assertThat(failure.getMessage()).contains("Password not long enough");
  }

  @Test
  void messagesNameTheUserAndPool() {
    assertThat(
            classifier
                .classify(
                    "AdminSetUserPassword",
                    TARGET,
                    PASSWORD,
                    service("UserNotFoundException", 400, "User does not exist."))
                .getMessage())
        .contains("diego")
        .contains("us-west-2_POOL");
    assertThat(
            classifier
                .classify(
                    "AdminSetUserPassword",
                    TARGET,
                    PASSWORD,
                    service("ResourceNotFoundException", 400, "no pool"))
                .getMessage())
        .contains("us-west-2_POOL");
  }

  @Test
  void aPasswordEchoedByTheServiceIsScrubbed() {
    CognitoFailure failure =
        classifier.classify(
            "AdminSetUserPassword",
            TARGET,
            PASSWORD,
            service("InvalidParameterException", 400, "bad value Very$ecret1 given"));

    assertThat(failure.getMessage()).doesNotContain("Very$ecret1").contains("[REDACTED]");
  }

  @Test
  void clientSideFailuresAreRetriedOrExplained() {
    assertThat(
            classifier
                .classify(
                    "AdminGetUser",
                    TARGET,
                    PASSWORD,
                    ApiCallTimeoutException.builder().message("took too long").build())
                .reason())
        .isEqualTo(ReadyReason.CognitoUnavailable);
    assertThat(
            classifier
                .classify(
                    "AdminGetUser",
                    TARGET,
                    PASSWORD,
                    SdkClientException.create("Unable to execute HTTP request: Connection refused"))
                .kind())
        .isEqualTo(FailureKind.TRANSIENT);
    CognitoFailure noRegion =
        classifier.classify(
            "AdminGetUser",
            TARGET,
            PASSWORD,
            SdkClientException.create("Unable to load region from any of the providers"));
    assertThat(noRegion.reason()).isEqualTo(ReadyReason.RegionUnknown);
    assertThat(noRegion.getMessage()).contains("spec.region");
  }

  private static CognitoIdentityProviderException service(String code, int status, String msg) {
    return (CognitoIdentityProviderException)
        CognitoIdentityProviderException.builder()
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(msg).build())
            .statusCode(status)
            .message(msg)
            .build();
  }
}
