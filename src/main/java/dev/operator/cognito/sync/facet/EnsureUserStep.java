package dev.operator.cognito.sync.facet;

import dev.operator.cognito.api.CreationPolicy;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.aws.CallNotDone;
import dev.operator.cognito.aws.CognitoFailure;
import dev.operator.cognito.aws.CognitoFault;
import dev.operator.cognito.aws.CognitoGateway;
import dev.operator.cognito.aws.FailureKind;
import dev.operator.cognito.aws.ObservedUser;
import dev.operator.cognito.sync.pass.Facet;
import dev.operator.cognito.sync.pass.FailureReasons;
import dev.operator.cognito.sync.pass.PassContext;
import dev.operator.cognito.sync.pass.StepOutcome;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Makes sure the user exists: an existing one is adopted as it is; a missing one is created with
 * the spec's attributes and no invitation (creationPolicy IfMissing), or reported (Never).
 */
public final class EnsureUserStep implements UserStep {

  private final CognitoGateway cognito;

  public EnsureUserStep(CognitoGateway cognito) {
    this.cognito = cognito;
  }

  @Override
  public StepOutcome apply(PassContext pass) {
    if (pass.observed().isPresent()) {
      return StepOutcome.unchanged(Facet.USER);
    }
    if (pass.spec().creationPolicyOrDefault() == CreationPolicy.Never) {
      return StepOutcome.failed(
          Facet.USER,
          ReadyReason.UserNotFound,
          "Cognito has no "
              + pass.target().describe()
              + " and spec.creationPolicy is Never, so the operator does not create it",
          FailureKind.OUTSIDE_CLUSTER);
    }
    Map<String, String> attributes = pass.spec().attributesOrEmpty();
    try {
      ObservedUser created = cognito.createUser(pass.target(), attributes, pass.caller());
      pass.observed(Optional.of(created));
      // what the status recorded was done to a user that is no more: this one needs it all
      pass.markCreated();
      pass.next().setAppliedPassword(null);
      pass.next().setManagedGroups(null);
      // the attributes it was created with are the operator's: they leave with the spec
      pass.next()
          .setManagedAttributes(PassContext.sortedOrNull(new TreeSet<>(attributes.keySet())));
      return StepOutcome.changed(
          Facet.USER, "UserCreated", "Created " + pass.target().describe() + " in Cognito");
    } catch (CallNotDone f) {
      if (f.isFault(CognitoFault.INVALID_PARAMETER) && !attributes.isEmpty()) {
        return StepOutcome.failed(
            Facet.USER,
            ReadyReason.AttributesRejected,
            "Cognito refused to create the user with spec.attributes: " + f.getMessage(),
            ((CognitoFailure) f).kind());
      }
      return FailureReasons.outcome(Facet.USER, pass.target(), f);
    }
  }
}
