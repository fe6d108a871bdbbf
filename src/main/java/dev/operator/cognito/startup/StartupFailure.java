package dev.operator.cognito.startup;

/** The operator cannot start; the message says, in one line, what it tried and how to fix it. */
public class StartupFailure extends RuntimeException {
  public StartupFailure(String message) {
    super(message);
  }

  public StartupFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
