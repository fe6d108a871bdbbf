package dev.operator.cognito.aws.ratelimit;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the callers waiting in each rate limiter's line when their turn comes, on one timer thread
 * for all of them: at most one wake-up is scheduled per limiter, at the time its next caller is
 * due.
 */
public final class TurnWaker {

  private static final Logger log = LoggerFactory.getLogger(TurnWaker.class);

  private final Consumer<Caller> wakeUp;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "cognito-write-turns");
            thread.setDaemon(true);
            return thread;
          });

  /** The wake-up scheduled for each limiter with callers in line; guarded by this. */
  private final Map<RequestRateLimiter, ScheduledFuture<?>> scheduled = new HashMap<>();

  public TurnWaker(Consumer<Caller> wakeUp) {
    this.wakeUp = wakeUp;
  }

  /**
   * The limiter's line or slots changed: its next wake-up is scheduled, or brought forward if it is
   * due sooner than the one already scheduled.
   */
  public synchronized void changed(RequestRateLimiter limiter) {
    OptionalLong at = limiter.nextWakeUp();
    if (at.isEmpty()) {
      return;
    }
    long delay = Math.max(0, at.getAsLong() - limiter.now());
    ScheduledFuture<?> pending = scheduled.get(limiter);
    if (pending != null) {
      if (pending.getDelay(TimeUnit.NANOSECONDS) <= delay) {
        return;
      }
      pending.cancel(false);
    }
    scheduled.put(limiter, timer.schedule(() -> wake(limiter), delay, TimeUnit.NANOSECONDS));
  }

  private void wake(RequestRateLimiter limiter) {
    synchronized (this) {
      scheduled.remove(limiter);
    }
    try {
      for (Caller caller : limiter.due()) {
        try {
          wakeUp.accept(caller);
        } catch (RuntimeException e) {
          // the caller still comes back by itself, later (Admission.Deferred's retry)
          log.warn(
              "could not wake {}/{} for its Cognito write: {}",
              caller.namespace(),
              caller.name(),
              e.toString());
        }
      }
    } finally {
      // whatever happened, the callers still in line get their wake-up
      changed(limiter);
    }
  }
}
