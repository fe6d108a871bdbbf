package dev.operator.cognito.sync.status;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.Condition;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.aws.FailureKind;
import dev.operator.cognito.sync.memory.RetryBackoff;
import dev.operator.cognito.sync.memory.UserStatusReads;
import dev.operator.cognito.sync.pass.Facet;
import dev.operator.cognito.sync.pass.PassContext;
import dev.operator.cognito.sync.pass.Refusal;
import dev.operator.cognito.sync.pass.StepOutcome;
import dev.operator.cognito.sync.pass.SyncResult;
import dev.operator.cognito.sync.pass.UserEvent;
import dev.operator.cognito.sync.status.StatusConditions.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the steps did into the status: Ready (True only when every facet is in place; else the
 * first failing facet's reason, with every failing facet in the message), Reconciling or Stalled,
 * the user as Cognito holds it, the Events to record, and when to look again.
 */
public final class StatusAggregator {

  private static final Logger log = LoggerFactory.getLogger(StatusAggregator.class);

  private final StatusConditions conditions;
  private final RetryBackoff backoff;
  private final UserStatusReads reads;
  private final Duration recheckInterval;

  public StatusAggregator(
      StatusConditions conditions,
      RetryBackoff backoff,
      UserStatusReads reads,
      Duration recheckInterval) {
    this.conditions = conditions;
    this.backoff = backoff;
    this.reads = reads;
    this.recheckInterval = recheckInterval;
  }

  /** A pass stopped before it read the user: the status keeps what it knew of the user. */
  public SyncResult refused(CognitoUser user, String key, CognitoUserStatus base, Refusal refusal) {
    return failure(user, key, base, List.of(asOutcome(Facet.USER, refusal)), Optional.empty());
  }

  /**
   * A pass stopped after it read the user (ownership, grants, federation): the status shows nothing
   * of a user this CognitoUser may not manage, so that a refusal is no oracle of who exists.
   */
  public SyncResult refusedWithoutUser(PassContext pass, Refusal refusal) {
    UserFacts.hide(pass.next());
    return failure(
        pass.user(),
        pass.key(),
        pass.next(),
        List.of(asOutcome(Facet.USER, refusal)),
        Optional.empty());
  }

  /**
   * Only the periodic read was due, and it failed: the user is as Ready as before, and the read is
   * tried again with backoff.
   */
  public SyncResult refreshFailed(PassContext pass, String message) {
    CognitoUserStatus previous = pass.user().getStatus();
    Condition ready = previous.condition(StatusConditions.READY).orElseThrow();
    ReadyReason reason = ReadyReason.valueOf(ready.getReason());
    String text = ready.getMessage() + "; reading the user's status failed: " + message;
    log.warn("{}: could not read the user's status: {}", pass.name(), message);
    pass.next()
        .setConditions(
            conditions.build(previous, reason, text, Progress.RETRYING, generation(pass.user())));
    return new SyncResult(
        pass.next(), List.of(), Optional.of(backoff.nextDelay(pass.key())), Optional.empty());
  }

  /**
   * An observe-only pass: Ready says the user was read, InSync whether Cognito holds what the spec
   * says, and status.pendingChanges what Full would change. No Event: nothing was done.
   */
  public SyncResult observed(PassContext pass, List<String> pending) {
    UserFacts.show(pass);
    backoff.succeeded(pass.key());
    CognitoUserStatus next = pass.next();
    next.setPendingChanges(pending.isEmpty() ? null : List.copyOf(pending));
    next.setObservedGeneration(generation(pass.user()));
    String userStatus = next.getUserStatus();
    String message =
        "observe only (spec.managementPolicy ObserveOnly): "
            + (pending.isEmpty()
                ? "Cognito holds what the spec says for "
                : pending.size() + " change(s) pending (status.pendingChanges) for ")
            + pass.target().describe()
            + (userStatus == null ? "" : "; user status " + userStatus);
    List<dev.operator.cognito.api.Condition> built =
        new ArrayList<>(
            conditions.build(
                pass.user().getStatus(),
                ReadyReason.Observed,
                message,
                Progress.SETTLED,
                generation(pass.user())));
    built.add(
        conditions.inSync(
            pass.user().getStatus(), pending.isEmpty(), message, generation(pass.user())));
    next.setConditions(built);
    return new SyncResult(next, List.of(), reads.untilDue(pass.key()), Optional.empty());
  }

  public SyncResult aggregate(PassContext pass, List<StepOutcome> outcomes) {
    UserFacts.show(pass);
    // what this pass could not do is what the next write would change
    List<String> notDone =
        outcomes.stream()
            .filter(o -> o.failed() || o.deferred())
            .map(o -> o.facet().label())
            .distinct()
            .toList();
    pass.next().setPendingChanges(notDone.isEmpty() ? null : notDone);
    List<StepOutcome> failures = outcomes.stream().filter(StepOutcome::failed).toList();
    List<UserEvent> events = new ArrayList<>();
    outcomes.forEach(o -> events.addAll(o.events()));
    Optional<Duration> stepRecheck =
        outcomes.stream()
            .filter(o -> !o.failed() && !o.deferred())
            .flatMap(o -> o.retryAfter().stream())
            .min(Comparator.naturalOrder());
    if (!failures.isEmpty()) {
      SyncResult failed =
          failure(pass.user(), pass.key(), pass.next(), failures, pass.passwordWrite());
      List<UserEvent> all = new ArrayList<>(events);
      all.addAll(failed.events());
      return new SyncResult(
          failed.status(),
          all,
          earliest(failed.retryAfter(), deferredRetry(outcomes)),
          failed.passwordWrite());
    }
    Optional<Duration> deferred = deferredRetry(outcomes);
    if (deferred.isPresent()) {
      return deferred(pass, outcomes, events, deferred.get());
    }
    backoff.succeeded(pass.key());
    boolean permanent = pass.spec().isPermanentPassword();
    String userStatus = pass.next().getUserStatus();
    ReadyReason reason = permanent ? ReadyReason.PasswordSet : ReadyReason.TemporaryPasswordSet;
    String message =
        "Cognito accepted the "
            + (permanent ? "permanent" : "temporary")
            + " password for "
            + pass.target().describe()
            + (userStatus == null ? "" : "; user status " + userStatus);
    if (pass.readyNote().isPresent()) {
      reason = pass.readyNote().get().reason();
      message = pass.readyNote().get().message();
    }
    CognitoUserStatus next = pass.next();
    next.setObservedGeneration(generation(pass.user()));
    next.setConditions(
        conditions.build(
            pass.user().getStatus(), reason, message, Progress.SETTLED, generation(pass.user())));
    return new SyncResult(
        next, events, earliest(reads.untilDue(pass.key()), stepRecheck), pass.passwordWrite());
  }

  /**
   * A write waits for its turn in the shared rate: a user that was Ready stays so (no Event), a new
   * one shows RateLimited and Reconciling, and the pass comes back when its turn is near.
   */
  private SyncResult deferred(
      PassContext pass, List<StepOutcome> outcomes, List<UserEvent> events, Duration retryAfter) {
    CognitoUserStatus next = pass.next();
    CognitoUserStatus previous = pass.user().getStatus();
    if (previous == null || previous.condition(StatusConditions.READY).isEmpty()) {
      String message =
          outcomes.stream()
              .filter(StepOutcome::deferred)
              .map(StepOutcome::message)
              .findFirst()
              .orElse("");
      next.setObservedGeneration(generation(pass.user()));
      next.setConditions(
          conditions.build(
              previous,
              ReadyReason.RateLimited,
              message,
              Progress.RETRYING,
              generation(pass.user())));
    }
    return new SyncResult(next, events, Optional.of(retryAfter), pass.passwordWrite());
  }

  private SyncResult failure(
      CognitoUser user,
      String key,
      CognitoUserStatus next,
      List<StepOutcome> failures,
      Optional<String> passwordWrite) {
    StepOutcome first = failures.get(0);
    ReadyReason reason = first.reason().orElseThrow();
    String message =
        failures.size() == 1
            ? first.message()
            : failures.stream()
                .map(f -> f.facet().label() + ": " + f.message())
                .collect(Collectors.joining("; "));
    FailureKind kind = worst(failures);
    if (reason == ReadyReason.UserNotFound || reason == ReadyReason.UserPoolNotFound) {
      UserFacts.forget(next); // there is no such user to report on
    }
    next.setObservedGeneration(generation(user));
    CognitoUserStatus previous = user.getStatus();
    next.setConditions(
        conditions.build(
            previous,
            reason,
            message,
            kind == FailureKind.TRANSIENT ? Progress.RETRYING : Progress.STALLED,
            generation(user)));
    List<UserEvent> events = new ArrayList<>();
    if (!sameReady(previous, reason, message)) {
      events.add(new UserEvent(UserEvent.Type.Warning, reason.name(), message));
    }
    log.info("{}: {}: {}", name(user), reason, message);
    Optional<Duration> retryAfter =
        switch (kind) {
          case NEEDS_CHANGE -> Optional.empty();
          case OUTSIDE_CLUSTER -> Optional.of(recheckInterval);
          case TRANSIENT ->
              Optional.of(
                  reason == ReadyReason.Throttled
                      ? backoff.throttledDelay()
                      : backoff.nextDelay(key));
        };
    if (kind == FailureKind.NEEDS_CHANGE) {
      backoff.succeeded(key);
    }
    return new SyncResult(next, events, retryAfter, passwordWrite);
  }

  /** TRANSIENT over OUTSIDE_CLUSTER over NEEDS_CHANGE: the soonest retry any facet needs. */
  private static FailureKind worst(List<StepOutcome> failures) {
    if (failures.stream().anyMatch(f -> f.kind() == FailureKind.TRANSIENT)) {
      return FailureKind.TRANSIENT;
    }
    if (failures.stream().anyMatch(f -> f.kind() == FailureKind.OUTSIDE_CLUSTER)) {
      return FailureKind.OUTSIDE_CLUSTER;
    }
    return FailureKind.NEEDS_CHANGE;
  }

  private static Optional<Duration> deferredRetry(List<StepOutcome> outcomes) {
    return outcomes.stream()
        .filter(StepOutcome::deferred)
        .flatMap(o -> o.retryAfter().stream())
        .min(Comparator.naturalOrder());
  }

  private static Optional<Duration> earliest(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return Optional.of(a.get().compareTo(b.get()) <= 0 ? a.get() : b.get());
  }

  private static StepOutcome asOutcome(Facet facet, Refusal refusal) {
    return StepOutcome.failed(facet, refusal.reason(), refusal.message(), refusal.kind());
  }

  private static boolean sameReady(CognitoUserStatus previous, ReadyReason reason, String msg) {
    if (previous == null) {
      return false;
    }
    Optional<Condition> ready = previous.condition(StatusConditions.READY);
    return ready.isPresent()
        && reason.name().equals(ready.get().getReason())
        && Objects.equals(msg, ready.get().getMessage());
  }

  private static Long generation(CognitoUser user) {
    return user.getMetadata().getGeneration();
  }

  private static String name(CognitoUser user) {
    return user.getMetadata().getNamespace() + "/" + user.getMetadata().getName();
  }
}
