package dev.operator.cognito.aws;

import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.StsException;

/** Turns an AWS SDK exception into a {@link CognitoFailure} with a reason and a human message. */
public final class SdkFailureClassifier {

  public CognitoFailure classify(
      String operation, UserTarget target, SecretValue password, SdkException e) {
    Optional<CognitoFailure> role = roleNotAssumed(target, e);
    if (role.isPresent()) {
      return role.get();
    }
    if (e instanceof AwsServiceException service) {
      return fromService(operation, target, password, service);
    }
    return fromClient(operation, password, e);
  }

  private CognitoFailure fromService(
      String operation, UserTarget target, SecretValue password, AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String said =
        password.scrub(
            e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
    int status = e.statusCode();
    String codeText = code == null ? "HTTP " + status : code;
    String detail = operation + " failed: " + codeText + (said == null ? "" : ": " + said);
    if (code != null) {
      switch (code) {
        case "InvalidPasswordException":
          return new CognitoFailure(
              CognitoFault.PASSWORD_REFUSED,
              FailureKind.NEEDS_CHANGE,
              "Cognito rejected the password from the Secret: " + said);
        case "PasswordHistoryPolicyViolationException":
          return new CognitoFailure(
              CognitoFault.PASSWORD_IN_HISTORY,
              FailureKind.NEEDS_CHANGE,
              "Cognito rejected the password from the Secret: the pool's password history holds"
                  + " it ("
                  + said
                  + ")");
        case "UserNotFoundException":
          return new CognitoFailure(
              CognitoFault.USER_NOT_FOUND,
              FailureKind.OUTSIDE_CLUSTER,
              "Cognito has no " + target.describe() + " (" + detail + ")");
        case "ResourceNotFoundException":
          // the pool, or the group the call names: the caller knows which
          return new CognitoFailure(
              CognitoFault.RESOURCE_NOT_FOUND, FailureKind.OUTSIDE_CLUSTER, detail);
        case "UsernameExistsException":
          // someone created the user since it was read: the next pass reads and adopts it
          return new CognitoFailure(CognitoFault.USER_EXISTS, FailureKind.TRANSIENT, detail);
        case "AliasExistsException":
          // another user holds the e-mail or phone number: only a change settles it
          return new CognitoFailure(CognitoFault.USER_EXISTS, FailureKind.NEEDS_CHANGE, detail);
        case "NotAuthorizedException",
        "AccessDeniedException",
        "UnrecognizedClientException",
        "InvalidClientTokenId",
        "SignatureDoesNotMatch",
        "MissingAuthenticationToken":
          return accessDenied(operation, detail);
        case "TooManyRequestsException",
        "ThrottlingException",
        "Throttling",
        "LimitExceededException",
        "RequestLimitExceeded",
        "TooManyRequests":
          return throttled(operation, detail);
        case "InvalidParameterException":
          return new CognitoFailure(
              CognitoFault.INVALID_PARAMETER, FailureKind.NEEDS_CHANGE, detail);
        case "InternalErrorException", "ServiceUnavailable", "ExpiredTokenException":
          return unavailable(detail);
        default:
          break;
      }
    }
    if (status == 429) {
      return throttled(operation, detail);
    }
    if (status == 401 || status == 403) {
      return accessDenied(operation, detail);
    }
    // 5xx and anything unrecognised: retried with backoff rather than given up on
    return unavailable(detail);
  }

  private CognitoFailure fromClient(String operation, SecretValue password, SdkException e) {
    String message = password.scrub(String.valueOf(e.getMessage()));
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return unavailable(operation + " timed out: " + message);
    }
    if (e instanceof SdkClientException && message.contains("Unable to load region")) {
      return new CognitoFailure(
          CognitoFault.NO_REGION,
          FailureKind.NEEDS_CHANGE,
          "No AWS region: set spec.region, use a pool id with a region prefix, or configure"
              + " the operator's default region ("
              + message
              + ")");
    }
    if (e instanceof SdkClientException && message.contains("Unable to load credentials")) {
      return new CognitoFailure(
          CognitoFault.ACCESS_DENIED,
          FailureKind.TRANSIENT,
          "The operator has no AWS credentials (" + message + ")");
    }
    return unavailable(operation + " could not reach Cognito: " + message);
  }

  private static CognitoFailure throttled(String operation, String detail) {
    return new CognitoFailure(
        CognitoFault.THROTTLED,
        FailureKind.TRANSIENT,
        "Cognito throttled " + operation + "; retrying with backoff (" + detail + ")");
  }

  private static CognitoFailure accessDenied(String operation, String detail) {
    return new CognitoFailure(
        CognitoFault.ACCESS_DENIED,
        FailureKind.OUTSIDE_CLUSTER,
        "The operator's AWS identity may not call " + operation + " (" + detail + ")");
  }

  private static CognitoFailure unavailable(String detail) {
    return new CognitoFailure(
        CognitoFault.UNAVAILABLE,
        FailureKind.TRANSIENT,
        "Cognito is unavailable; retrying with backoff (" + detail + ")");
  }

  /** STS refused the grant's role: the role is named, and IAM is what must change. */
  private static Optional<CognitoFailure> roleNotAssumed(UserTarget target, SdkException e) {
    if (target.role().isEmpty()) {
      return Optional.empty();
    }
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof StsException sts) {
        String why =
            sts.awsErrorDetails() == null
                ? String.valueOf(sts.statusCode())
                : sts.awsErrorDetails().errorCode() + ": " + sts.awsErrorDetails().errorMessage();
        return Optional.of(
            new CognitoFailure(
                CognitoFault.ACCESS_DENIED,
                FailureKind.OUTSIDE_CLUSTER,
                "the operator could not assume role "
                    + target.role().get().roleArn()
                    + " (STS AssumeRole: "
                    + why
                    + ")"));
      }
    }
    return Optional.empty();
  }
}
