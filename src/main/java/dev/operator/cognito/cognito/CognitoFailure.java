package dev.operator.cognito.cognito;

import dev.operator.cognito.api.ReadyReason;

/** A Cognito call that failed, already classified. Its message never holds the password. */
public class CognitoFailure extends Exception {

  private final ReadyReason reason;
  private final FailureKind kind;

  public CognitoFailure(ReadyReason reason, FailureKind kind, String message) {
    super(message, null, false, false);
    this.reason = reason;
    this.kind = kind;
  }

  public ReadyReason reason() {
    return reason;
  }

  public FailureKind kind() {
    return kind;
  }
}
