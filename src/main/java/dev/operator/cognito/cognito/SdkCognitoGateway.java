package dev.operator.cognito.cognito;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminSetUserPasswordRequest;

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
  public void setPassword(UserTarget target, SecretValue password, boolean permanent)
      throws CognitoFailure {
    call(
        SET_PASSWORD,
        target,
        password,
        writesPerSecond,
        () ->
            clients
                .forRegion(target.region())
                .adminSetUserPassword(
                    AdminSetUserPasswordRequest.builder()
                        .userPoolId(target.userPoolId())
                        .username(target.username())
                        .password(password.reveal())
                        .permanent(permanent)
                        .build()));
  }

  @Override
  public String readUserStatus(UserTarget target) throws CognitoFailure {
    return call(
        GET_USER,
        target,
        NO_PASSWORD,
        readsPerSecond,
        () ->
            clients
                .forRegion(target.region())
                .adminGetUser(
                    AdminGetUserRequest.builder()
                        .userPoolId(target.userPoolId())
                        .username(target.username())
                        .build())
                .userStatusAsString());
  }

  private <T> T call(
      String operation,
      UserTarget target,
      SecretValue password,
      double callsPerSecond,
      Supplier<T> request)
      throws CognitoFailure {
    String region = target.region().orElse("default");
    RequestRateLimiter limiter =
        limiters.computeIfAbsent(
            operation + "/" + region, k -> RequestRateLimiter.perSecond(callsPerSecond));
    waitForRateLimit(operation, region, limiter);
    Timer.Sample sample = Timer.start(meters);
    String outcome = "success";
    try {
      return request.get();
    } catch (SdkException e) {
      CognitoFailure failure = classifier.classify(operation, target, password, e);
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

  private void waitForRateLimit(String operation, String region, RequestRateLimiter limiter) {
    try {
      long waited = limiter.acquire();
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
