package dev.operator.cognito.cognito;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces calls evenly so that they never exceed a rate, and sustain it when there is work: each
 * caller takes the next free time slot and waits for it. There is no burst allowance, because
 * Cognito's quotas are counted per second across the whole account.
 */
public final class RequestRateLimiter {

  /** Waits; tests replace it to observe the schedule without sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final Sleeper sleeper;
  private long nextFreeSlot;

  public RequestRateLimiter(double permitsPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
    if (!(permitsPerSecond > 0)) {
      throw new IllegalArgumentException("rate must be above zero: " + permitsPerSecond);
    }
    this.intervalNanos = Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / permitsPerSecond));
    this.nanoClock = nanoClock;
    this.sleeper = sleeper;
    this.nextFreeSlot = nanoClock.getAsLong();
  }

  public static RequestRateLimiter perSecond(double permitsPerSecond) {
    return new RequestRateLimiter(
        permitsPerSecond, System::nanoTime, nanos -> TimeUnit.NANOSECONDS.sleep(nanos));
  }

  /** Blocks until the caller may make one call; returns how long it waited, in nanoseconds. */
  public long acquire() throws InterruptedException {
    long wait;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      long slot = Math.max(now, nextFreeSlot);
      nextFreeSlot = slot + intervalNanos;
      wait = slot - now;
    }
    if (wait > 0) {
      sleeper.sleepNanos(wait);
    }
    return wait;
  }
}
