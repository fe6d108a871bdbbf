package dev.operator.cognito.cognito;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces calls evenly so that they never exceed a rate, and sustain it when there is work: each
 * caller takes the next free time slot and waits for it. There is no burst allowance, because
 * Cognito's quotas are counted per second across the whole account.
 *
 * <p>The rate adapts, as the AWS SDKs' adaptive retry mode does: Cognito's throttling is
 * account-wide, so a throttled call lowers the shared rate (to 70%, down to a twentieth of the
 * configured one; once for each time the rate was too high, not once per throttled call) and each
 * call that succeeds raises it again (by 5% of the configured rate, up to it). Throttling thus
 * slows every caller a little rather than one caller a lot.
 */
public final class RequestRateLimiter {

  /** Waits; tests replace it to observe the schedule without sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final long fastestIntervalNanos;
  private final long slowestIntervalNanos;
  private long intervalNanos;
  private final LongSupplier nanoClock;
  private final Sleeper sleeper;
  private long nextFreeSlot;

  /** Per tenant (namespace): when its next deferred caller should come back. */
  private final java.util.Map<String, Long> nextReturn = new java.util.HashMap<>();

  /** Per tenant: when it last asked, to count the tenants that share the rate now. */
  private final java.util.Map<String, Long> lastSeen = new java.util.HashMap<>();

  public RequestRateLimiter(double permitsPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
    if (!(permitsPerSecond > 0)) {
      throw new IllegalArgumentException("rate must be above zero: " + permitsPerSecond);
    }
    this.fastestIntervalNanos =
        Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / permitsPerSecond));
    this.slowestIntervalNanos = fastestIntervalNanos * 20;
    this.intervalNanos = fastestIntervalNanos;
    this.nanoClock = nanoClock;
    this.sleeper = sleeper;
    this.nextFreeSlot = nanoClock.getAsLong();
  }

  /**
   * A limiter for a quota of {@code permitsPerSecond}, with calls 3% further apart than the quota
   * allows: the network's jitter must not fit one call too many into a second as Cognito counts it.
   */
  public static RequestRateLimiter perSecond(double permitsPerSecond) {
    return new RequestRateLimiter(
        permitsPerSecond / 1.03, System::nanoTime, nanos -> TimeUnit.NANOSECONDS.sleep(nanos));
  }

  /** When the rate was last lowered. */
  private long lastSlowDown = Long.MIN_VALUE;

  /**
   * Cognito throttled a call made in this rate, sent at {@code sentAtNanos} (on this limiter's
   * clock): slow down, once for each time the rate was too high. A call sent before the last slow
   * down was sent at the rate that slow down already answered, so its throttling lowers the rate no
   * further. Otherwise one second at twice a budget, answered by several throttled calls in flight,
   * would cut the rate to a fraction of the budget rather than to below it (the AWS SDKs' adaptive
   * mode likewise lowers the rate from the rate measured, not once per throttled call).
   */
  public synchronized void throttled(long sentAtNanos) {
    if (sentAtNanos < lastSlowDown) {
      return;
    }
    intervalNanos = Math.min(slowestIntervalNanos, Math.round(intervalNanos / 0.7));
    lastSlowDown = nanoClock.getAsLong();
  }

  /** The time on this limiter's clock, to tell {@link #throttled} when a call was sent. */
  public long now() {
    return nanoClock.getAsLong();
  }

  /** A call made in this rate went through: speed up again, towards the configured rate. */
  public synchronized void succeeded() {
    if (intervalNanos > fastestIntervalNanos) {
      double rate = 1.0 / intervalNanos + 0.05 / fastestIntervalNanos;
      intervalNanos = Math.max(fastestIntervalNanos, Math.round(1.0 / rate));
    }
  }

  /** The rate now, in calls per second. */
  public synchronized double currentRate() {
    return (double) TimeUnit.SECONDS.toNanos(1) / intervalNanos;
  }

  /** What {@link #admit} decided. */
  public sealed interface Admission {
    /** Go: the call may be made now; it waited this long for its slot. */
    record Granted(long waitedNanos) implements Admission {}

    /** Come back later: the slot is too far off to hold a thread for it. */
    record Deferred(long retryAfterNanos) implements Admission {}
  }

  /**
   * Like {@link #acquire}, but fair between tenants and without holding a thread for long: a caller
   * whose slot is more than {@code maxSlotsAhead} away takes no slot and is told when to come back
   * instead. A tenant's deferred callers come back spaced by its fair share (the interval times the
   * number of tenants asking), so a tenant with a backlog cannot push the next free slots away from
   * one that has none.
   */
  public Admission admit(String tenant, int maxSlotsAhead) throws InterruptedException {
    long wait;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      lastSeen.put(tenant, now);
      long slot = Math.max(now, nextFreeSlot);
      if (slot - now > maxSlotsAhead * intervalNanos) {
        long window = TimeUnit.SECONDS.toNanos(10);
        lastSeen.values().removeIf(seen -> now - seen > window);
        nextReturn.keySet().retainAll(lastSeen.keySet());
        long back = Math.max(slot, nextReturn.getOrDefault(tenant, Long.MIN_VALUE));
        nextReturn.put(tenant, back + intervalNanos * lastSeen.size());
        return new Admission.Deferred(back - now);
      }
      nextFreeSlot = slot + intervalNanos;
      wait = slot - now;
    }
    if (wait > 0) {
      sleeper.sleepNanos(wait);
    }
    return new Admission.Granted(wait);
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
