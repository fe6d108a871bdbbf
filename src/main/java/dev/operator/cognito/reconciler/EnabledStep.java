package dev.operator.cognito.reconciler;

import dev.operator.cognito.cognito.CognitoFailure;
import dev.operator.cognito.cognito.CognitoGateway;
import dev.operator.cognito.cognito.ObservedUser;
import java.util.Optional;

/** Enables or disables the user as spec.enabled says. */
final class EnabledStep implements UserStep {

  private final CognitoGateway cognito;

  EnabledStep(CognitoGateway cognito) {
    this.cognito = cognito;
  }

  @Override
  public StepOutcome apply(PassContext pass) {
    ObservedUser user = pass.existing();
    boolean desired = pass.spec().isEnabledOrDefault();
    if (user.enabled() == desired) {
      return StepOutcome.unchanged(Facet.ENABLED);
    }
    try {
      cognito.setEnabled(pass.target(), desired, pass.caller());
    } catch (CognitoFailure f) {
      return FailureReasons.outcome(Facet.ENABLED, pass.target(), f);
    }
    pass.observed(Optional.of(user.withEnabled(desired)));
    return desired
        ? StepOutcome.changed(Facet.ENABLED, "UserEnabled", "Enabled " + pass.target().describe())
        : StepOutcome.changed(
            Facet.ENABLED, "UserDisabled", "Disabled " + pass.target().describe());
  }
}
