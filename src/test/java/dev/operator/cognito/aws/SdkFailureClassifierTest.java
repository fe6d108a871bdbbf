package dev.operator.cognito.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;

public class SdkFailureClassifierTest {

  private static final UserTarget TARGET = UserTarget.of(null, "us-west-2_POOL", "diego");
  private static final SecretValue PASSWORD = new SecretValue("Very$ecret1");
  private final SdkFailureClassifier classifier = new SdkFailureClassifier();

  @ParameterizedTest
  @CsvSource({
    "InvalidPasswordException, 400, PASSWORD_REFUSED, NEEDS_CHANGE",
    "PasswordHistoryPolicyViolationException, 400, PASSWORD_IN_HISTORY, NEEDS_CHANGE",
    "InvalidParameterException, 400, INVALID_PARAMETER, NEEDS_CHANGE",
    "UserNotFoundException, 400, USER_NOT_FOUND, OUTSIDE_CLUSTER",
    "UsernameExistsException, 400, USER_EXISTS, TRANSIENT",
    "AliasExistsException, 400, USER_EXISTS, NEEDS_CHANGE",
    "ResourceNotFoundException, 400, RESOURCE_NOT_FOUND, OUTSIDE_CLUSTER",
    "NotAuthorizedException, 400, ACCESS_DENIED, OUTSIDE_CLUSTER",
    "AccessDeniedException, 400, ACCESS_DENIED, OUTSIDE_CLUSTER",
    "UnrecognizedClientException, 400, ACCESS_DENIED, OUTSIDE_CLUSTER",
    "TooManyRequestsException, 400, THROTTLED, TRANSIENT",
    "ThrottlingException, 400, THROTTLED, TRANSIENT",
    "LimitExceededException, 400, THROTTLED, TRANSIENT",
    "InternalErrorException, 500, UNAVAILABLE, TRANSIENT",
    "SomethingNewException, 503, UNAVAILABLE, TRANSIENT",
    "SomethingNewException, 429, THROTTLED, TRANSIENT",
    "SomethingNewException, 403, ACCESS_DENIED, OUTSIDE_CLUSTER"
  })
  void serviceErrorsAreSortedByWhatFixesThem(
      String code, int status, CognitoFault fault, FailureKind kind) {
    CognitoFailure failure =
        classifier.classify("AdminSetUserPassword", TARGET, PASSWORD, service(code, status, "m"));

    assertThat(failure.fault()).isEqualTo(fault);
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
        .contains("ResourceNotFoundException")
        .contains("no pool");
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
                .fault())
        .isEqualTo(CognitoFault.UNAVAILABLE);
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
    assertThat(noRegion.fault()).isEqualTo(CognitoFault.NO_REGION);
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
