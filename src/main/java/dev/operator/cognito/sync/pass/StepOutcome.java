package dev.operator.cognito.sync.pass;

import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.aws.FailureKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one step did to its facet: nothing (it already matched), a change, a failure with its
 * reason, or a write deferred by the rate limit.
 *
 * @param retryAfter when the step wants the pass to come back, whatever its result
 */
public record StepOutcome(
    Facet facet,
    Result result,
    Optional<ReadyReason> reason,
    String message,
    FailureKind kind,
    List<UserEvent> events,
    Optional<Duration> retryAfter) {

  public enum Result {
    UNCHANGED,
    CHANGED,
    FAILED,
    DEFERRED
  }

  public static StepOutcome unchanged(Facet facet) {
    return new StepOutcome(
        facet, Result.UNCHANGED, Optional.empty(), "", null, List.of(), Optional.empty());
  }

  public static StepOutcome unchangedUntil(Facet facet, Duration recheck) {
    return new StepOutcome(
        facet, Result.UNCHANGED, Optional.empty(), "", null, List.of(), Optional.of(recheck));
  }

  public static StepOutcome changed(Facet facet, String reason, String message) {
    return new StepOutcome(
        facet,
        Result.CHANGED,
        Optional.empty(),
        message,
        null,
        List.of(new UserEvent(UserEvent.Type.Normal, reason, message)),
        Optional.empty());
  }

  /** Nothing written, but worth an Event. */
  public static StepOutcome noted(Facet facet, String reason, String message) {
    return new StepOutcome(
        facet,
        Result.UNCHANGED,
        Optional.empty(),
        message,
        null,
        List.of(new UserEvent(UserEvent.Type.Normal, reason, message)),
        Optional.empty());
  }

  public static StepOutcome failed(
      Facet facet, ReadyReason reason, String message, FailureKind kind) {
    return new StepOutcome(
        facet, Result.FAILED, Optional.of(reason), message, kind, List.of(), Optional.empty());
  }

  public static StepOutcome deferred(Facet facet, String message, Duration retryAfter) {
    return new StepOutcome(
        facet,
        Result.DEFERRED,
        Optional.of(ReadyReason.RateLimited),
        message,
        FailureKind.TRANSIENT,
        List.of(),
        Optional.of(retryAfter));
  }

  public boolean failed() {
    return result == Result.FAILED;
  }

  public boolean deferred() {
    return result == Result.DEFERRED;
  }

  /** A step after a failed or deferred creation has no user to work on. */
  public boolean stopsPass() {
    return facet == Facet.USER && (failed() || deferred());
  }
}
