package dev.operator.cognito.cognito;

import dev.operator.cognito.api.ReadyReason;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminSetUserPasswordRequest;
import software.amazon.awssdk.services.sts.model.StsException;

/** {@link CognitoGateway} over the AWS SDK, inside per-region rate limits. */
public final class SdkCognitoGateway implements CognitoGateway {

  static final String SET_PASSWORD = "AdminSetUserPassword";
  static final String GET_USER = "AdminGetUser";

  // AdminGetUser carries no password, so there is nothing to scrub from its errors
  private static final SecretValue NO_PASSWORD = new SecretValue("");

  private final CognitoClients clients;
  private final SdkFailureClassifier classifier = new SdkFailureClassifier();
  private final double writesPerSecond;
  private final double readsPerSecond;
  private final Map<String, RequestRateLimiter> limiters = new ConcurrentHashMap<>();
  private final MeterRegistry meters;

  public SdkCognitoGateway(
      CognitoClients clients, double writesPerSecond, double readsPerSecond, MeterRegistry meters) {
    this.clients = clients;
    this.writesPerSecond = writesPerSecond;
    this.readsPerSecond = readsPerSecond;
    this.meters = meters;
  }

  @Override
  public void setPassword(UserTarget target, SecretValue password, boolean permanent, String tenant)
      throws CognitoFailure {
    call(
        SET_PASSWORD,
        target,
        password,
        writesPerSecond,
        Optional.of(tenant),
        () ->
            clients
                .forTarget(target)
                .adminSetUserPassword(
                    AdminSetUserPasswordRequest.builder()
                        .userPoolId(target.userPoolId())
                        .username(target.username())
                        .password(password.reveal())
                        .permanent(permanent)
                        .build()));
  }

  @Override
  public ObservedUser readUser(UserTarget target) throws CognitoFailure {
    return call(
        GET_USER,
        target,
        NO_PASSWORD,
        readsPerSecond,
        Optional.empty(),
        () -> {
          var response =
              clients
                  .forTarget(target)
                  .adminGetUser(
                      AdminGetUserRequest.builder()
                          .userPoolId(target.userPoolId())
                          .username(target.username())
                          .build());
          return new ObservedUser(response.userStatusAsString(), response.username());
        });
  }

  private <T> T call(
      String operation,
      UserTarget target,
      SecretValue password,
      double callsPerSecond,
      Optional<String> tenant,
      Supplier<T> request)
      throws CognitoFailure {
    String region = target.region().orElse("default");
    RequestRateLimiter limiter =
        limiters.computeIfAbsent(
            // Cognito's quotas are per account and region: a role's calls count on their own
            operation + "/" + region + target.role().map(r -> "/" + r.roleArn()).orElse(""),
            k -> RequestRateLimiter.perSecond(callsPerSecond));
    waitForRateLimit(operation, region, limiter, tenant);
    Timer.Sample sample = Timer.start(meters);
    String outcome = "success";
    try {
      return request.get();
    } catch (SdkException e) {
      CognitoFailure failure =
          roleNotAssumed(target, e)
              .orElseGet(() -> classifier.classify(operation, target, password, e));
      outcome = failure.reason().name();
      throw failure;
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

  /** STS refused the grant's role: the role is named, and IAM is what must change. */
  private static Optional<CognitoFailure> roleNotAssumed(UserTarget target, SdkException e) {
    if (target.role().isEmpty()) {
      return Optional.empty();
    }
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof StsException sts) {
        String why =
            sts.awsErrorDetails() == null
                ? String.valueOf(sts.statusCode())
                : sts.awsErrorDetails().errorCode() + ": " + sts.awsErrorDetails().errorMessage();
        return Optional.of(
            new CognitoFailure(
                ReadyReason.AccessDenied,
                FailureKind.OUTSIDE_CLUSTER,
                "the operator could not assume role "
                    + target.role().get().roleArn()
                    + " (STS AssumeRole: "
                    + why
                    + ")"));
      }
    }
    return Optional.empty();
  }

  /** A slot at most this many ahead is waited for; a later one is deferred. */
  private static final int SLOTS_WORTH_WAITING = 2;

  private void waitForRateLimit(
      String operation, String region, RequestRateLimiter limiter, Optional<String> tenant)
      throws DeferredCall {
    try {
      long waited;
      if (tenant.isPresent()) {
        RequestRateLimiter.Admission admission = limiter.admit(tenant.get(), SLOTS_WORTH_WAITING);
        if (admission instanceof RequestRateLimiter.Admission.Deferred deferred) {
          throw new DeferredCall(java.time.Duration.ofNanos(deferred.retryAfterNanos()));
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
