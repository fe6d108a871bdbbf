package dev.operator.cognito.aws;

/** A Cognito call that failed, already classified. Its message never holds the password. */
public final class CognitoFailure extends CallNotDone {

  private final CognitoFault fault;
  private final FailureKind kind;

  public CognitoFailure(CognitoFault fault, FailureKind kind, String message) {
    super(message);
    this.fault = fault;
    this.kind = kind;
  }

  public CognitoFault fault() {
    return fault;
  }

  public FailureKind kind() {
    return kind;
  }
}
