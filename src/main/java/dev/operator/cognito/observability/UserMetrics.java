package dev.operator.cognito.observability;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.Condition;
import dev.operator.cognito.api.ReadyReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The operator's own metrics about CognitoUsers. Labels are drawn from small fixed sets (an
 * outcome, a Cognito user status, a reason): never a user, pool or namespace name, so a cluster
 * with many users still exports a few dozen series.
 */
public final class UserMetrics {

  /** Cognito's UserStatusType values, and {@code none} while none has been read. */
  static final List<String> USER_STATUSES =
      List.of(
          "UNCONFIRMED",
          "CONFIRMED",
          "ARCHIVED",
          "COMPROMISED",
          "UNKNOWN",
          "RESET_REQUIRED",
          "FORCE_CHANGE_PASSWORD",
          "EXTERNAL_PROVIDER",
          "none");

  private final MeterRegistry meters;
  private final Timer rotationLatency;
  private volatile Supplier<Stream<CognitoUser>> users = Stream::empty;

  public UserMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.rotationLatency =
        Timer.builder("cognitouser.password.rotation")
            .description(
                "From a Secret change seen by the operator to Cognito accepting the password")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(5))
            .maximumExpectedValue(Duration.ofMinutes(10))
            .register(meters);
    passwordWriteCounter("success");
    for (String status : USER_STATUSES) {
      Gauge.builder("cognitouser.users", () -> count(u -> status.equals(userStatusOf(u))))
          .description("CognitoUsers by the user status Cognito reports")
          .tag("user_status", status)
          .register(meters);
    }
    Arrays.stream(ReadyReason.values())
        .filter(reason -> !reason.isReady())
        .forEach(
            reason ->
                Gauge.builder(
                        "cognitouser.not.ready",
                        () -> count(u -> reason.name().equals(notReadyReason(u))))
                    .description("CognitoUsers whose Ready condition is False, by reason")
                    .tag("reason", reason.name())
                    .register(meters));
  }

  /** Where the gauges count from: the operator's cache of CognitoUsers. */
  public void countFrom(Supplier<Stream<CognitoUser>> users) {
    this.users = Objects.requireNonNull(users);
  }

  /** One AdminSetUserPassword call: {@code success} or the Ready reason it failed with. */
  public void passwordWritten(String outcome) {
    passwordWriteCounter(outcome).increment();
  }

  public void rotationApplied(Duration sinceSecretChangeSeen) {
    rotationLatency.record(sinceSecretChangeSeen);
  }

  private Counter passwordWriteCounter(String outcome) {
    return Counter.builder("cognitouser.password.writes")
        .description("Passwords written to Cognito (AdminSetUserPassword), by outcome")
        .tag("outcome", outcome)
        .register(meters);
  }

  private double count(java.util.function.Predicate<CognitoUser> which) {
    return users.get().filter(which).count();
  }

  private static String userStatusOf(CognitoUser user) {
    return Optional.ofNullable(user.getStatus())
        .map(CognitoUserStatus::getUserStatus)
        .orElse("none");
  }

  private static String notReadyReason(CognitoUser user) {
    return Optional.ofNullable(user.getStatus())
        .flatMap(s -> s.condition("Ready"))
        .filter(c -> "False".equals(c.getStatus()))
        .map(Condition::getReason)
        .orElse(null);
  }
}
