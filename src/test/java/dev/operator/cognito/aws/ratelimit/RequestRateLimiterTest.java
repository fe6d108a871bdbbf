package dev.operator.cognito.aws.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.operator.cognito.aws.ratelimit.RequestRateLimiter.Admission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

public class RequestRateLimiterTest {

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
  void aCallWhoseThreadWokeLateStillGoesOneIntervalBeforeTheNext() throws Exception {
    long late = TimeUnit.MILLISECONDS.toNanos(60);
    java.util.concurrent.atomic.AtomicBoolean wakeLate =
        new java.util.concurrent.atomic.AtomicBoolean();
    RequestRateLimiter limiter =
        new RequestRateLimiter(
            10, now::get, nanos -> now.addAndGet(nanos + (wakeLate.getAndSet(false) ? late : 0)));
    limiter.acquire();
    wakeLate.set(true);
    limiter.acquire(); // its slot was 100 ms on, it went at 160 ms
    long second = now.get();

    limiter.acquire(); // its slot is 200 ms on: 40 ms after the late one

    assertThat(now.get() - second).isEqualTo(INTERVAL);
  }

  @Test
  void rejectsANonPositiveRate() {
    assertThatThrownBy(() -> limiter(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(100);

  private static Caller caller(String tenant, String name) {
    return new Caller(tenant, name);
  }

  /** A limiter at 10/s whose waits pass no time: only the test moves its clock. */
  private RequestRateLimiter frozenLimiter() {
    return new RequestRateLimiter(10, now::get, nanos -> {});
  }

  @Test
  void aCallerWhoseSlotIsFarOffWaitsInLineAndIsWokenWhenItsTurnIsNear() throws Exception {
    RequestRateLimiter limiter = frozenLimiter();
    assertThat(limiter.admit(caller("t", "a"), 1)).isInstanceOf(Admission.Granted.class);
    assertThat(limiter.admit(caller("t", "b"), 1)).isInstanceOf(Admission.Granted.class);

    var deferred = limiter.admit(caller("t", "c"), 1);

    assertThat(deferred).isInstanceOf(Admission.Deferred.class);
    assertThat(limiter.waiting()).isEqualTo(1);
    assertThat(limiter.due()).as("its slot, two intervals off, is not near yet").isEmpty();
    // woken one interval (the least lead) before its slot
    assertThat(limiter.nextWakeUp()).hasValue(now.get() + INTERVAL);
    now.addAndGet(INTERVAL);
    assertThat(limiter.due()).containsExactly(caller("t", "c"));
    var woken = limiter.admit(caller("t", "c"), 0);
    assertThat(woken)
        .as("a woken caller takes the next slot, however far")
        .isEqualTo(new Admission.Granted(INTERVAL));
    assertThat(limiter.nextWakeUp()).isEmpty();
    // the caller comes back by itself well after its turn, should the wake-up be lost
    assertThat(((Admission.Deferred) deferred).retryAfterNanos())
        .isGreaterThan(2 * INTERVAL)
        .isLessThan(TimeUnit.SECONDS.toNanos(3));
  }

  @Test
  void aNewCallerDoesNotPassCallersWaitingInLine() throws Exception {
    RequestRateLimiter limiter = frozenLimiter();
    limiter.admit(caller("t", "a"), 0);
    limiter.admit(caller("t", "b"), 0);
    now.addAndGet(5 * INTERVAL); // the slots are free again, but b is still in line

    assertThat(limiter.admit(caller("t", "c"), 5)).isInstanceOf(Admission.Deferred.class);
    assertThat(limiter.due()).containsExactly(caller("t", "b"), caller("t", "c"));
  }

  @Test
  void tenantsTakeTurnsSoABacklogHoldsAnotherTenantBackByOneTurnAtMost() throws Exception {
    RequestRateLimiter limiter = frozenLimiter();
    limiter.admit(caller("busy", "first"), 0);
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.admit(caller("busy", "b" + i), 0)).isInstanceOf(Admission.Deferred.class);
    }
    // coming back before its turn, a caller keeps its place rather than joining the end again
    limiter.admit(caller("busy", "b0"), 0);
    limiter.admit(caller("quiet", "q"), 0);

    List<Caller> order = new ArrayList<>();
    for (int i = 0; i < 20 && limiter.waiting() > 0; i++) {
      now.addAndGet(INTERVAL);
      for (Caller c : limiter.due()) {
        order.add(c);
        limiter.admit(c, 0);
      }
    }
    assertThat(order)
        .containsExactly(
            caller("busy", "b0"),
            caller("quiet", "q"),
            caller("busy", "b1"),
            caller("busy", "b2"),
            caller("busy", "b3"),
            caller("busy", "b4"));
  }

  @Test
  void aThrottledCallerKeepsItsPlaceAtTheFrontOfTheLine() throws Exception {
    RequestRateLimiter limiter = frozenLimiter();
    limiter.admit(caller("a", "x"), 0);
    limiter.admit(caller("a", "waiting"), 0);
    limiter.admit(caller("b", "waiting"), 0);

    // x's call was throttled; its next slot is far off
    assertThat(limiter.admitAgain(caller("a", "x"), 0)).isInstanceOf(Admission.Deferred.class);

    now.addAndGet(INTERVAL);
    assertThat(limiter.due()).first().isEqualTo(caller("a", "x"));
  }

  @Test
  void aThrottledCallerThatDoesNotTryAgainNowIsTheNextOneWoken() throws Exception {
    RequestRateLimiter limiter = frozenLimiter();
    limiter.admit(caller("a", "waiting"), -1);

    limiter.keepPlace(caller("b", "throttled"));

    assertThat(limiter.due()).first().isEqualTo(caller("b", "throttled"));
  }

  @Test
  void aWokenCallerThatNeverComesBackCostsItsOneSlotAndHoldsUpNoOne() throws Exception {
    RequestRateLimiter limiter = frozenLimiter();
    for (String name : List.of("gone1", "gone2", "next")) {
      limiter.admit(caller("t", name), -1);
    }
    assertThat(limiter.due()).containsExactly(caller("t", "gone1"), caller("t", "gone2"));

    now.addAndGet(INTERVAL);

    assertThat(limiter.due()).containsExactly(caller("t", "next"));
    assertThat(limiter.admit(caller("t", "next"), 0))
        .as("the slot after the two kept for the callers who did not come back")
        .isEqualTo(new Admission.Granted(INTERVAL));
  }

  @Test
  void aWokenCallerThatComesBackLateGoesAtOnceKeepingTheCallsOneIntervalApart() throws Exception {
    RequestRateLimiter limiter = limiter(10);
    limiter.admit(caller("t", "first"), -1);
    limiter.admit(caller("t", "late"), -1);
    assertThat(limiter.due()).containsExactly(caller("t", "first"), caller("t", "late"));
    long woken = now.get();

    now.addAndGet(3 * INTERVAL);
    limiter.admit(caller("t", "late"), 0);
    limiter.admit(caller("t", "first"), 0);

    assertThat(sleeps).as("the late one went at once").containsExactly(INTERVAL);
    assertThat(now.get() - woken).isEqualTo(4 * INTERVAL);
  }

  @Test
  void aWakerWakesEachWaitingCallerInTurn() throws Exception {
    RequestRateLimiter limiter = RequestRateLimiter.perSecond(50);
    List<Caller> woken = java.util.Collections.synchronizedList(new ArrayList<>());
    TurnWaker waker = new TurnWaker(woken::add);
    List<Caller> callers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      callers.add(caller("t", "c" + i));
      limiter.admit(callers.get(i), -1);
      waker.changed(limiter);
    }

    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(woken).containsExactlyElementsOf(callers));
    assertThat(limiter.waiting()).isZero();
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
