package dev.operator.cognito.sync.facet;

import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.aws.CallNotDone;
import dev.operator.cognito.aws.CognitoFault;
import dev.operator.cognito.aws.CognitoGateway;
import dev.operator.cognito.aws.FailureKind;
import dev.operator.cognito.sync.pass.Facet;
import dev.operator.cognito.sync.pass.FailureReasons;
import dev.operator.cognito.sync.pass.PassContext;
import dev.operator.cognito.sync.pass.StepOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Puts the user in spec.groups, and takes it out of the groups the operator itself added
 * (status.managedGroups) once they leave the spec; a group someone else added is never touched. The
 * user's groups are listed only when there is something to manage.
 */
public final class GroupsStep implements UserStep {

  private final CognitoGateway cognito;

  public GroupsStep(CognitoGateway cognito) {
    this.cognito = cognito;
  }

  @Override
  public Optional<String> plan(PassContext pass) throws CallNotDone {
    Set<String> desired = new TreeSet<>(pass.spec().groupsOrEmpty());
    Set<String> managed = new TreeSet<>(AttributesStep.listOrEmpty(pass.next().getManagedGroups()));
    if (desired.isEmpty() && managed.isEmpty()) {
      return Optional.empty();
    }
    Set<String> current = cognito.groupsOf(pass.target());
    List<String> changes = new ArrayList<>();
    desired.stream().filter(g -> !current.contains(g)).forEach(g -> changes.add("+" + g));
    managed.stream()
        .filter(g -> !desired.contains(g) && current.contains(g))
        .forEach(g -> changes.add("-" + g));
    return changes.isEmpty()
        ? Optional.empty()
        : Optional.of("groups: " + String.join(", ", changes));
  }

  @Override
  public StepOutcome apply(PassContext pass) {
    Set<String> desired = new TreeSet<>(pass.spec().groupsOrEmpty());
    Set<String> managed = new TreeSet<>(AttributesStep.listOrEmpty(pass.next().getManagedGroups()));
    if (desired.isEmpty() && managed.isEmpty()) {
      return StepOutcome.unchanged(Facet.GROUPS);
    }
    Set<String> current;
    try {
      current = cognito.groupsOf(pass.target());
    } catch (CallNotDone f) {
      return FailureReasons.outcome(Facet.GROUPS, pass.target(), f);
    }
    List<String> added = new ArrayList<>();
    List<String> left = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    CallNotDone other = null;
    for (String group : desired) {
      if (current.contains(group)) {
        continue;
      }
      try {
        cognito.addToGroup(pass.target(), group, pass.caller());
        added.add(group);
        managed.add(group);
      } catch (CallNotDone f) {
        if (f.isFault(CognitoFault.RESOURCE_NOT_FOUND)) {
          missing.add(group);
        } else if (other == null) {
          other = f;
        }
      }
    }
    for (String group : new TreeSet<>(managed)) {
      if (desired.contains(group)) {
        continue;
      }
      if (!current.contains(group)) {
        managed.remove(group);
        continue;
      }
      try {
        cognito.removeFromGroup(pass.target(), group, pass.caller());
        left.add(group);
        managed.remove(group);
      } catch (CallNotDone f) {
        if (f.isFault(CognitoFault.RESOURCE_NOT_FOUND)) {
          managed.remove(group); // the group itself is gone
        } else if (other == null) {
          other = f;
        }
      }
    }
    pass.next().setManagedGroups(PassContext.sortedOrNull(managed));
    if (other != null) {
      return FailureReasons.outcome(Facet.GROUPS, pass.target(), other);
    }
    if (!missing.isEmpty()) {
      return StepOutcome.failed(
          Facet.GROUPS,
          ReadyReason.GroupNotFound,
          "user pool "
              + pass.target().userPoolId()
              + " has no group "
              + String.join(", ", missing)
              + " (spec.groups)",
          FailureKind.OUTSIDE_CLUSTER);
    }
    if (added.isEmpty() && left.isEmpty()) {
      return StepOutcome.unchanged(Facet.GROUPS);
    }
    List<String> changes = new ArrayList<>();
    if (!added.isEmpty()) {
      changes.add("added to " + String.join(", ", added));
    }
    if (!left.isEmpty()) {
      changes.add("removed from " + String.join(", ", left));
    }
    return StepOutcome.changed(
        Facet.GROUPS,
        "GroupsChanged",
        pass.target().describe() + ": " + String.join("; ", changes));
  }
}
