package dev.operator.cognito.sync.status;

import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.Condition;
import dev.operator.cognito.api.ReadyReason;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the conditions in the metav1.Condition shape: {@code Ready}, always present, and kstatus's
 * abnormal-true conditions as Flux and kpt read them, present only while they hold: {@code
 * Reconciling} while a transient failure is being retried, {@code Stalled} while only a change (in
 * the cluster or outside it) can let the operator go on. lastTransitionTime moves only when a
 * condition's status flips.
 */
public final class StatusConditions {

  public static final String READY = "Ready";
  static final String RECONCILING = "Reconciling";
  static final String STALLED = "Stalled";

  /** Present, True, only while the CognitoUser is paused; a pass that runs drops it. */
  public static final String PAUSED = "Paused";

  /** With managementPolicy ObserveOnly: whether Cognito holds what the spec says. */
  public static final String IN_SYNC = "InSync";

  private static final Set<String> OURS = Set.of(READY, RECONCILING, STALLED, PAUSED, IN_SYNC);

  /** Where a pass left the CognitoUser, as kstatus sees it. */
  enum Progress {
    /** Nothing more to do until something changes or a refresh is due. */
    SETTLED,
    /** A transient failure is retried with backoff. */
    RETRYING,
    /** Cannot go on without a change to the spec, the Secret, or something outside the cluster. */
    STALLED
  }

  private final Clock clock;

  public StatusConditions(Clock clock) {
    this.clock = clock;
  }

  List<Condition> build(
      CognitoUserStatus previous,
      ReadyReason reason,
      String message,
      Progress progress,
      Long generation) {
    List<Condition> result = new ArrayList<>();
    result.add(condition(previous, READY, reason.isReady(), reason, message, generation));
    if (progress == Progress.RETRYING) {
      result.add(
          condition(previous, RECONCILING, true, reason, "retrying: " + message, generation));
    }
    if (progress == Progress.STALLED) {
      result.add(condition(previous, STALLED, true, reason, message, generation));
    }
    if (previous != null) {
      previous.getConditions().stream()
          .filter(c -> !OURS.contains(c.getType()))
          .forEach(result::add);
    }
    return result;
  }

  /** The InSync condition of an observe-only pass. */
  Condition inSync(CognitoUserStatus previous, boolean inSync, String message, Long generation) {
    return condition(previous, IN_SYNC, inSync, ReadyReason.Observed, message, generation);
  }

  public String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private Condition condition(
      CognitoUserStatus previous,
      String type,
      boolean holds,
      ReadyReason reason,
      String message,
      Long generation) {
    String status = holds ? "True" : "False";
    Optional<Condition> old = previous == null ? Optional.empty() : previous.condition(type);
    String transitionTime =
        old.filter(c -> status.equals(c.getStatus()) && c.getLastTransitionTime() != null)
            .map(Condition::getLastTransitionTime)
            .orElseGet(this::now);
    return new Condition(type, status, reason.name(), message, transitionTime, generation);
  }
}
