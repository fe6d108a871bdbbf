package dev.operator.cognito.aws;

import dev.operator.cognito.aws.UserTarget.AssumedRole;
import dev.operator.cognito.aws.ratelimit.Caller;
import dev.operator.cognito.aws.ratelimit.CognitoRates;
import dev.operator.cognito.aws.ratelimit.QuotaCategory;
import dev.operator.cognito.aws.ratelimit.RequestRateLimiter;
import dev.operator.cognito.aws.ratelimit.TurnWaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * Makes each Cognito call inside its quota category's rate limit, per region and AWS account: reads
 * wait for their slot; a write whose slot is far off is deferred, and its caller woken when its
 * turn comes; a throttled call lowers the shared rate and is tried again in the next slot, keeping
 * its place. Every call is timed, and its SDK failure classified and scrubbed.
 */
public final class RateLimitedCalls {

  // calls that carry no password have nothing to scrub from their errors
  private static final SecretValue NO_PASSWORD = new SecretValue("");

  private final CognitoClients clients;
  private final SdkFailureClassifier classifier = new SdkFailureClassifier();
  private final CognitoRates rates;
  private final Map<String, RequestRateLimiter> limiters = new ConcurrentHashMap<>();
  private final MeterRegistry meters;
  private final TurnWaker turns;

  /**
   * {@code turns} wakes the caller of a deferred write when its turn has come: its CognitoUser is
   * reconciled and makes the call again.
   */
  public RateLimitedCalls(
      CognitoClients clients, CognitoRates rates, MeterRegistry meters, TurnWaker turns) {
    this.clients = clients;
    this.rates = rates;
    this.meters = meters;
    this.turns = turns;
  }

  /** A call that changes nothing, waiting its turn in its category's rate. */
  <T> T read(
      String operation,
      QuotaCategory category,
      UserTarget target,
      Function<CognitoIdentityProviderClient, T> request)
      throws CallNotDone {
    return call(operation, category, target, NO_PASSWORD, Optional.empty(), request);
  }

  /** A call that carries no password and changes the user, in the tenant's share of the rate. */
  <T> T write(
      String operation,
      QuotaCategory category,
      UserTarget target,
      Caller caller,
      Function<CognitoIdentityProviderClient, T> request)
      throws CallNotDone {
    return call(operation, category, target, NO_PASSWORD, Optional.of(caller), request);
  }

  <T> T call(
      String operation,
      QuotaCategory category,
      UserTarget target,
      SecretValue password,
      Optional<Caller> caller,
      Function<CognitoIdentityProviderClient, T> request)
      throws CallNotDone {
    String region = target.region().orElse("default");
    String account = target.role().map(AssumedRole::roleArn).orElse("operator");
    RequestRateLimiter limiter =
        limiters.computeIfAbsent(
            // Cognito's quotas are per account and region: a role's calls count on their own
            category + "/" + region + "/" + account, k -> newLimiter(category, region, account));
    Optional<Caller> share = category.isWrite() ? caller : Optional.empty();
    waitForRateLimit(operation, region, limiter, share);
    for (int attempt = 1; ; attempt++) {
      Timer.Sample sample = Timer.start(meters);
      String outcome = "success";
      long sentAt = limiter.now();
      try {
        T result = request.apply(clients.forTarget(target));
        limiter.succeeded();
        return result;
      } catch (SdkException e) {
        CognitoFailure failure = classifier.classify(operation, target, password, e);
        outcome = failure.fault().name();
        if (failure.fault() != CognitoFault.THROTTLED) {
          throw failure;
        }
        limiter.throttled(sentAt);
        // tried again in the next slot of the slowed rate if it is near, else as the next one
        // woken: a throttled caller keeps its place rather than going to the back of the line
        if (!nextSlotSoon(limiter, share, attempt < THROTTLED_ATTEMPTS)) {
          throw failure;
        }
      } finally {
        sample.stop(
            Timer.builder("cognito.calls")
                .description("Calls to the Cognito API, by operation and outcome")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .tag("region", region)
                .register(meters));
      }
    }
  }

  /** How many times one pass makes a call that Cognito throttles. */
  private static final int THROTTLED_ATTEMPTS = 3;

  /** A slot this many ahead is still waited for by a throttled call. */
  private static final int SLOTS_WORTH_WAITING_AFTER_THROTTLING = 10;

  /**
   * Waits for the next slot if it is near and {@code retry} is on; false if it is far off, or the
   * call is not to be retried now, in which case a write's caller is the next one woken.
   */
  private boolean nextSlotSoon(RequestRateLimiter limiter, Optional<Caller> share, boolean retry)
      throws CallNotDone {
    try {
      if (share.isEmpty()) {
        if (retry) {
          limiter.acquire();
        }
        return retry;
      }
      boolean granted = false;
      if (retry) {
        granted =
            limiter.admitAgain(share.get(), SLOTS_WORTH_WAITING_AFTER_THROTTLING)
                instanceof RequestRateLimiter.Admission.Granted;
      } else {
        limiter.keepPlace(share.get());
      }
      turns.changed(limiter);
      return granted;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Cognito rate limit", e);
    }
  }

  /** A limiter at the category's configured rate, its current rate and line shown as gauges. */
  private RequestRateLimiter newLimiter(QuotaCategory category, String region, String account) {
    RequestRateLimiter limiter = RequestRateLimiter.perSecond(rates.perSecond(category));
    Tags tags = Tags.of("category", category.name(), "region", region, "account", account);
    Gauge.builder("cognito.rate.limit", limiter, RequestRateLimiter::currentRate)
        .description(
            "Calls per second the operator allows itself now, by quota category: lowered when"
                + " Cognito throttles, raised again as calls go through")
        .tags(tags)
        .register(meters);
    Gauge.builder("cognito.rate.limit.waiting", limiter, RequestRateLimiter::waiting)
        .description(
            "CognitoUsers whose write waits for a slot of the rate limit, by quota category: each"
                + " is reconciled again when its turn comes")
        .tags(tags)
        .register(meters);
    return limiter;
  }

  /** A slot at most this many ahead is waited for; a later one is deferred. */
  private static final int SLOTS_WORTH_WAITING = 2;

  private void waitForRateLimit(
      String operation, String region, RequestRateLimiter limiter, Optional<Caller> caller)
      throws DeferredCall {
    try {
      long waited;
      if (caller.isPresent()) {
        RequestRateLimiter.Admission admission = limiter.admit(caller.get(), SLOTS_WORTH_WAITING);
        turns.changed(limiter);
        if (admission instanceof RequestRateLimiter.Admission.Deferred deferred) {
          throw new DeferredCall(Duration.ofNanos(deferred.retryAfterNanos()));
        }
        waited = ((RequestRateLimiter.Admission.Granted) admission).waitedNanos();
      } else {
        waited = limiter.acquire();
      }
      Timer.builder("cognito.rate.limit.wait")
          .description("Time spent waiting for the Cognito rate limit")
          .tag("operation", operation)
          .tag("region", region)
          .register(meters)
          .record(waited, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Cognito rate limit", e);
    }
  }
}
