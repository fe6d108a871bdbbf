package dev.operator.cognito.sync.facet;

import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.aws.CallNotDone;
import dev.operator.cognito.aws.CognitoFailure;
import dev.operator.cognito.aws.CognitoFault;
import dev.operator.cognito.aws.CognitoGateway;
import dev.operator.cognito.aws.ObservedUser;
import dev.operator.cognito.sync.pass.Facet;
import dev.operator.cognito.sync.pass.FailureReasons;
import dev.operator.cognito.sync.pass.PassContext;
import dev.operator.cognito.sync.pass.StepOutcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Keeps spec.attributes on the user. Writes only the values that differ, and deletes only the
 * attributes the operator itself set (status.managedAttributes) that have left the spec: an
 * attribute someone else set is never touched.
 */
public final class AttributesStep implements UserStep {

  private final CognitoGateway cognito;

  public AttributesStep(CognitoGateway cognito) {
    this.cognito = cognito;
  }

  @Override
  public Optional<String> plan(PassContext pass) {
    ObservedUser user = pass.existing();
    Map<String, String> desired = pass.spec().attributesOrEmpty();
    List<String> changes = new java.util.ArrayList<>();
    new TreeMap<>(desired)
        .forEach(
            (name, value) -> {
              if (!user.attributes().containsKey(name)) {
                changes.add("+" + name);
              } else if (!Objects.equals(user.attributes().get(name), value)) {
                changes.add("~" + name);
              }
            });
    Set<String> toDelete = new TreeSet<>(listOrEmpty(pass.next().getManagedAttributes()));
    toDelete.removeAll(desired.keySet());
    toDelete.retainAll(user.attributes().keySet());
    toDelete.forEach(name -> changes.add("-" + name));
    return changes.isEmpty()
        ? Optional.empty()
        : Optional.of("attributes: " + String.join(", ", changes));
  }

  @Override
  public StepOutcome apply(PassContext pass) {
    ObservedUser user = pass.existing();
    Map<String, String> desired = pass.spec().attributesOrEmpty();
    Set<String> managed = new TreeSet<>(listOrEmpty(pass.next().getManagedAttributes()));
    Map<String, String> toWrite = new TreeMap<>();
    desired.forEach(
        (name, value) -> {
          if (!Objects.equals(user.attributes().get(name), value)) {
            toWrite.put(name, value);
          }
        });
    Set<String> toDelete = new TreeSet<>(managed);
    toDelete.removeAll(desired.keySet());
    toDelete.retainAll(user.attributes().keySet());
    List<String> changes = new java.util.ArrayList<>();
    try {
      if (!toWrite.isEmpty()) {
        cognito.updateAttributes(pass.target(), toWrite, pass.caller());
        managed.addAll(toWrite.keySet());
        changes.add("set " + String.join(", ", toWrite.keySet()));
      }
      if (!toDelete.isEmpty()) {
        cognito.deleteAttributes(pass.target(), toDelete, pass.caller());
        changes.add("deleted " + String.join(", ", toDelete));
      }
    } catch (CallNotDone f) {
      pass.next().setManagedAttributes(PassContext.sortedOrNull(managed));
      if (f.isFault(CognitoFault.INVALID_PARAMETER)) {
        return StepOutcome.failed(
            Facet.ATTRIBUTES,
            ReadyReason.AttributesRejected,
            "Cognito refused spec.attributes: " + f.getMessage(),
            ((CognitoFailure) f).kind());
      }
      return FailureReasons.outcome(Facet.ATTRIBUTES, pass.target(), f);
    }
    // what it manages: what it set and the spec still holds
    managed.retainAll(desired.keySet());
    pass.next().setManagedAttributes(PassContext.sortedOrNull(managed));
    if (changes.isEmpty()) {
      return StepOutcome.unchanged(Facet.ATTRIBUTES);
    }
    Map<String, String> now = new HashMap<>(user.attributes());
    now.putAll(toWrite);
    now.keySet().removeAll(toDelete);
    pass.observed(Optional.of(user.withAttributes(now)));
    return StepOutcome.changed(
        Facet.ATTRIBUTES,
        "AttributesUpdated",
        "Attributes of " + pass.target().describe() + ": " + String.join("; ", changes));
  }

  static List<String> listOrEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }
}
