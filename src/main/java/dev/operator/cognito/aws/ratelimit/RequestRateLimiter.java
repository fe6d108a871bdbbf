package dev.operator.cognito.aws.ratelimit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
 *
 * <p>A write whose slot is far off does not hold a thread: it waits in a {@link WaitingLine}, where
 * namespaces take turns, and is woken when its turn comes ({@link #admit}, {@link #due}).
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

  /** When the last call was let go (its slot may have been earlier). */
  private long lastLetGo = Long.MIN_VALUE / 2;

  /** A woken caller that comes back this late still has its turn; later it has to wait again. */
  private static final long FORGET_WOKEN_NANOS = TimeUnit.MINUTES.toNanos(10);

  /** The most a caller is woken ahead of its slot, however slowly callers come back. */
  private static final long MAX_LEAD_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** The callers in line, in the order their turns come. */
  private final WaitingLine line = new WaitingLine();

  /** Callers woken and not back yet. */
  private final Map<Caller, Ticket> woken = new HashMap<>();

  /** How long woken callers have lately taken to come back (a moving average). */
  private long comeBackNanos = TimeUnit.MILLISECONDS.toNanos(20);

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

    /**
     * Come back when woken (see {@link #due}): the slot is too far off to hold a thread for it.
     * {@code retryAfterNanos} is the latest the caller should come back by itself, in case the
     * wake-up is lost.
     */
    record Deferred(long retryAfterNanos) implements Admission {}
  }

  /**
   * Like {@link #acquire}, but fair between tenants and without holding a thread for long. A caller
   * whose slot is more than {@code maxSlotsAhead} away, or who would pass callers already waiting,
   * takes no slot: it joins the {@link WaitingLine} and is woken (by {@link #due}) when its turn
   * comes, with a slot kept for it. A tenant with a backlog thus holds back another tenant by one
   * turn at most, and no slot is lost to a return time fixed while the rate was lower.
   */
  public Admission admit(Caller caller, int maxSlotsAhead) throws InterruptedException {
    long wait;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      Ticket ticket = woken.remove(caller);
      if (ticket != null) {
        comeBackNanos += (now - ticket.wokenAt() - comeBackNanos) / 8;
        wait = Math.max(0, ticket.slot() - now);
      } else if (!line.isEmpty()
          || Math.max(now, nextFreeSlot) - now > maxSlotsAhead * intervalNanos) {
        line.join(caller);
        return new Admission.Deferred(latestReturn(now));
      } else {
        wait = takeSlot(now);
      }
    }
    waitToGo(wait);
    return new Admission.Granted(wait);
  }

  /**
   * For a caller whose call Cognito just throttled: it had its turn, so it keeps its place. It
   * takes the next slot if that is at most {@code maxSlotsAhead} away, before anyone waiting;
   * otherwise it goes to the front of the line and is the next one woken.
   */
  public Admission admitAgain(Caller caller, int maxSlotsAhead) throws InterruptedException {
    long wait;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      if (Math.max(now, nextFreeSlot) - now > maxSlotsAhead * intervalNanos) {
        line.joinFirst(caller);
        return new Admission.Deferred(latestReturn(now));
      }
      wait = takeSlot(now);
    }
    waitToGo(wait);
    return new Admission.Granted(wait);
  }

  /** For a throttled caller that does not try again now: it is the next one woken. */
  public synchronized void keepPlace(Caller caller) {
    line.joinFirst(caller);
  }

  /**
   * The callers whose turn has come, taken from the line: each is woken now with the next free slot
   * kept for it. Callers are woken as long before their slot as woken callers have lately taken to
   * come back (the pass's own work, and its wait for a reconciler thread), so that most come back
   * about when their slot is due: a caller that comes back late goes at once rather than losing its
   * slot, and one that comes back early holds its thread only briefly. A caller that never comes
   * back costs its one slot.
   */
  public synchronized List<Caller> due() {
    long now = nanoClock.getAsLong();
    woken.values().removeIf(ticket -> now - ticket.wokenAt() > FORGET_WOKEN_NANOS);
    List<Caller> due = new ArrayList<>();
    while (!line.isEmpty() && Math.max(now, nextFreeSlot) - now <= lead()) {
      Caller caller = line.next().orElseThrow();
      woken.put(caller, new Ticket(now, now + takeSlot(now)));
      due.add(caller);
    }
    return due;
  }

  /** When {@link #due} will next have a caller to wake (on this limiter's clock); empty if none. */
  public synchronized OptionalLong nextWakeUp() {
    if (line.isEmpty()) {
      return OptionalLong.empty();
    }
    long now = nanoClock.getAsLong();
    return OptionalLong.of(Math.max(now, nextFreeSlot - lead()));
  }

  /** How many callers wait in line now. */
  public synchronized int waiting() {
    return line.size();
  }

  /** A woken caller's: when it was woken, and the slot kept for it. */
  private record Ticket(long wokenAt, long slot) {}

  private long lead() {
    return Math.max(intervalNanos, Math.min(MAX_LEAD_NANOS, comeBackNanos));
  }

  /**
   * The latest a deferred caller comes back by itself: well after its turn should have come, so
   * that only a lost wake-up (or a much slower rate) brings it back this way.
   */
  private long latestReturn(long now) {
    long turn = Math.max(now, nextFreeSlot) - now + (long) line.size() * intervalNanos;
    return 2 * turn + TimeUnit.SECONDS.toNanos(1);
  }

  private long takeSlot(long now) {
    long slot = Math.max(now, nextFreeSlot);
    nextFreeSlot = slot + intervalNanos;
    return slot - now;
  }

  private void sleep(long nanos) throws InterruptedException {
    if (nanos > 0) {
      sleeper.sleepNanos(nanos);
    }
  }

  /**
   * Waits for the slot, then keeps the call at least one interval after the one let go before it.
   * Threads wait for their slots side by side, and one that wakes late (a busy machine, a garbage
   * collection) would otherwise send its call right before the next thread's: the calls of a second
   * bunch up and Cognito, counting them as they arrive, sees more than the rate.
   */
  private void waitToGo(long slotWait) throws InterruptedException {
    sleep(slotWait);
    long wait;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      long go = Math.max(now, lastLetGo + intervalNanos);
      lastLetGo = go;
      wait = go - now;
    }
    sleep(wait);
  }

  /** Blocks until the caller may make one call; returns how long it waited, in nanoseconds. */
  public long acquire() throws InterruptedException {
    long wait;
    synchronized (this) {
      wait = takeSlot(nanoClock.getAsLong());
    }
    waitToGo(wait);
    return wait;
  }
}
