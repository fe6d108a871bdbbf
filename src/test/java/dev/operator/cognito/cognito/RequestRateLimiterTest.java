package dev.operator.cognito.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<Long> sleeps = new ArrayList<>();

  private RequestRateLimiter limiter(double perSecond) {
    return new RequestRateLimiter(
        perSecond,
        now::get,
        nanos -> {
          sleeps.add(nanos);
          now.addAndGet(nanos);
        });
  }

  @Test
  void spacesCallsEvenlyAtTheConfiguredRate() throws Exception {
    RequestRateLimiter limiter = limiter(20);
    long start = now.get();

    for (int i = 0; i < 100; i++) {
      limiter.acquire();
    }

    // 100 calls at 20/s: the first at once, the last 99 intervals of 50 ms later
    assertThat(now.get() - start).isEqualTo(TimeUnit.MILLISECONDS.toNanos(99 * 50));
    assertThat(sleeps).allMatch(s -> s == TimeUnit.MILLISECONDS.toNanos(50));
  }

  @Test
  void idleTimeIsNotSavedUpForABurst() throws Exception {
    RequestRateLimiter limiter = limiter(10);
    limiter.acquire();

    now.addAndGet(TimeUnit.SECONDS.toNanos(60));
    limiter.acquire();
    limiter.acquire();

    assertThat(sleeps).containsExactly(TimeUnit.MILLISECONDS.toNanos(100));
  }

  @Test
  void rejectsANonPositiveRate() {
    assertThatThrownBy(() -> limiter(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTenantWithABacklogIsDeferredAndCannotPushAnotherTenantsSlotAway() throws Exception {
    RequestRateLimiter limiter = new RequestRateLimiter(10, now::get, nanos -> {});
    long interval = TimeUnit.MILLISECONDS.toNanos(100);

    // the busy tenant's first callers take the next slots, then are told to come back
    assertThat(limiter.admit("busy", 1)).isInstanceOf(RequestRateLimiter.Admission.Granted.class);
    assertThat(limiter.admit("busy", 1)).isInstanceOf(RequestRateLimiter.Admission.Granted.class);
    List<Long> comeBack = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      comeBack.add(
          ((RequestRateLimiter.Admission.Deferred) limiter.admit("busy", 1)).retryAfterNanos());
    }

    // deferred callers hold no slot: the quiet tenant gets the next one
    var quiet = limiter.admit("quiet", 2);
    // (the slot after the busy tenant's two granted calls, not after its five deferred ones)
    assertThat(quiet).isInstanceOf(RequestRateLimiter.Admission.Granted.class);
    assertThat(((RequestRateLimiter.Admission.Granted) quiet).waitedNanos())
        .isLessThanOrEqualTo(3 * interval);
    // and the busy tenant's deferred callers come back one after another, not all at once
    for (int i = 1; i < comeBack.size(); i++) {
      assertThat(comeBack.get(i)).isGreaterThan(comeBack.get(i - 1));
    }
  }

  @Test
  void throttlingLowersTheSharedRateAndSuccessesRaiseItBack() {
    RequestRateLimiter limiter = new RequestRateLimiter(10, () -> 0L, nanos -> {});

    limiter.throttled(0L);
    assertThat(limiter.currentRate()).isCloseTo(7.0, org.assertj.core.data.Offset.offset(0.01));
    for (int i = 0; i < 100; i++) {
      limiter.throttled(0L); // each sent after the slow down before it, on this frozen clock
    }
    assertThat(limiter.currentRate())
        .as("never below a twentieth")
        .isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
    for (int i = 0; i < 100; i++) {
      limiter.succeeded();
    }
    assertThat(limiter.currentRate())
        .as("back to, and not past, the configured rate")
        .isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void callsSentBeforeASlowDownDoNotLowerTheRateAgain() {
    RequestRateLimiter limiter = limiter(10);
    long sent = now.get();
    now.addAndGet(50_000_000L);

    // five calls sent in the same moment come back throttled, one after another
    for (int i = 0; i < 5; i++) {
      limiter.throttled(sent);
      now.addAndGet(1_000_000L);
    }
    assertThat(limiter.currentRate())
        .as("one slow down for one moment of too many calls")
        .isCloseTo(7.0, org.assertj.core.data.Offset.offset(0.01));

    // a call sent after that slow down, and still throttled: the slower rate is still too high
    limiter.throttled(limiter.now());
    assertThat(limiter.currentRate()).isCloseTo(4.9, org.assertj.core.data.Offset.offset(0.01));
  }
}
