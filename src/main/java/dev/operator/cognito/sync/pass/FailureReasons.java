package dev.operator.cognito.sync.pass;

import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.aws.CallNotDone;
import dev.operator.cognito.aws.CognitoFailure;
import dev.operator.cognito.aws.DeferredCall;
import dev.operator.cognito.aws.UserTarget;

/** Turns the gateway's faults into the reasons a step reports, with the step's own words. */
public final class FailureReasons {

  private FailureReasons() {}

  /** The outcome of a call that failed in {@code facet}, with its usual reason. */
  public static StepOutcome outcome(Facet facet, UserTarget target, CallNotDone notDone) {
    if (notDone instanceof DeferredCall deferred) {
      return StepOutcome.deferred(facet, deferred.getMessage(), deferred.retryAfter());
    }
    CognitoFailure failure = (CognitoFailure) notDone; // the only other kind (sealed)
    return StepOutcome.failed(facet, reasonOf(failure), messageOf(target, failure), failure.kind());
  }

  public static ReadyReason reasonOf(CognitoFailure failure) {
    return switch (failure.fault()) {
      case USER_NOT_FOUND -> ReadyReason.UserNotFound;
      case RESOURCE_NOT_FOUND -> ReadyReason.UserPoolNotFound;
      case USER_EXISTS -> ReadyReason.UserExists;
      case PASSWORD_REFUSED, PASSWORD_IN_HISTORY -> ReadyReason.PasswordRejected;
      case INVALID_PARAMETER -> ReadyReason.InvalidRequest;
      case ACCESS_DENIED -> ReadyReason.AccessDenied;
      case THROTTLED -> ReadyReason.Throttled;
      case UNAVAILABLE -> ReadyReason.CognitoUnavailable;
      case NO_REGION -> ReadyReason.RegionUnknown;
    };
  }

  static String messageOf(UserTarget target, CognitoFailure failure) {
    return switch (failure.fault()) {
      case RESOURCE_NOT_FOUND ->
          "Cognito has no user pool " + target.userPoolId() + " (" + failure.getMessage() + ")";
      default -> failure.getMessage();
    };
  }
}
