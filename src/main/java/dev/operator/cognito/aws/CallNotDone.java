package dev.operator.cognito.aws;

/**
 * A Cognito call that gave no answer: it failed ({@link CognitoFailure}), or the rate limit
 * deferred it ({@link DeferredCall}), which is no failure. Callers tell the two apart by type.
 */
public abstract sealed class CallNotDone extends Exception permits CognitoFailure, DeferredCall {

  protected CallNotDone(String message) {
    // no stack trace: these are expected outcomes, and the message never holds the password
    super(message, null, false, false);
  }

  /** Whether this is a failure with that fault (a deferral is none). */
  public final boolean isFault(CognitoFault fault) {
    return this instanceof CognitoFailure failure && failure.fault() == fault;
  }
}
