package dev.operator.cognito.aws;

import java.time.Duration;

/**
 * A call not made yet: its rate-limit slot was too far off to hold a thread for it. Not a failure;
 * the caller comes back after {@link #retryAfter()}.
 */
public final class DeferredCall extends CallNotDone {

  private final Duration retryAfter;

  public DeferredCall(Duration retryAfter) {
    super("waiting for a Cognito write slot (the COGNITO_*_PER_SECOND limits)");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
