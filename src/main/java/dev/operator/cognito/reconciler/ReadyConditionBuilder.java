package dev.operator.cognito.reconciler;

import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.Condition;
import dev.operator.cognito.api.ReadyReason;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the Ready condition in the metav1.Condition shape. lastTransitionTime moves only when the
 * condition's status flips, as Kubernetes conventions ask.
 */
final class ReadyConditionBuilder {

  static final String READY = "Ready";

  private final Clock clock;

  ReadyConditionBuilder(Clock clock) {
    this.clock = clock;
  }

  List<Condition> conditionsWithReady(
      CognitoUserStatus previous, ReadyReason reason, String message, Long generation) {
    List<Condition> previousConditions = previous == null ? List.of() : previous.getConditions();
    Optional<Condition> oldReady = previous == null ? Optional.empty() : previous.condition(READY);
    String status = reason.isReady() ? "True" : "False";
    String transitionTime =
        oldReady
            .filter(c -> status.equals(c.getStatus()) && c.getLastTransitionTime() != null)
            .map(Condition::getLastTransitionTime)
            .orElseGet(this::now);
    Condition ready =
        new Condition(READY, status, reason.name(), message, transitionTime, generation);
    List<Condition> result = new ArrayList<>();
    result.add(ready);
    previousConditions.stream().filter(c -> !READY.equals(c.getType())).forEach(result::add);
    return result;
  }

  String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
