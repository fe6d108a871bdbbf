package dev.operator.cognito.sync.memory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for transient failures, counted per CognitoUser. The delay
 * doubles from the initial interval up to the cap, and each delay is drawn between half and all of
 * it, so that users throttled together do not retry together.
 */
public final class RetryBackoff {

  private final Duration initial;
  private final Duration max;
  private final DoubleSupplier random;
  private final Map<String, Integer> failuresInARow = new ConcurrentHashMap<>();

  public RetryBackoff(Duration initial, Duration max, DoubleSupplier random) {
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /** Records one more transient failure of the user and returns how long to wait. */
  public Duration nextDelay(String user) {
    int attempt = failuresInARow.merge(user, 1, Integer::sum);
    return delayForAttempt(attempt);
  }

  Duration delayForAttempt(int attempt) {
    long ceiling = initial.toMillis();
    for (int i = 1; i < attempt && ceiling < max.toMillis(); i++) {
      ceiling *= 2;
    }
    ceiling = Math.min(ceiling, max.toMillis());
    long jittered = ceiling / 2 + Math.round(random.getAsDouble() * (ceiling - ceiling / 2));
    return Duration.ofMillis(Math.max(1, jittered));
  }

  /**
   * The wait after a throttled call: the initial interval, jittered, and no longer for a user who
   * was unlucky before. Throttling is account-wide, so it slows the shared rate (see
   * RequestRateLimiter) rather than one user's retries; a retry whose slot is far off is deferred
   * without a call, so coming back soon costs nothing.
   */
  public Duration throttledDelay() {
    return delayForAttempt(1);
  }

  public void succeeded(String user) {
    failuresInARow.remove(user);
  }

  public void forget(String user) {
    failuresInARow.remove(user);
  }
}
