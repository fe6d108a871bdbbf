package dev.operator.cognito.sync.facet;

import dev.operator.cognito.aws.CallNotDone;
import dev.operator.cognito.aws.CognitoGateway;
import dev.operator.cognito.aws.ObservedUser;
import dev.operator.cognito.sync.pass.Facet;
import dev.operator.cognito.sync.pass.FailureReasons;
import dev.operator.cognito.sync.pass.PassContext;
import dev.operator.cognito.sync.pass.StepOutcome;
import java.util.Optional;

/** Enables or disables the user as spec.enabled says. */
public final class EnabledStep implements UserStep {

  private final CognitoGateway cognito;

  public EnabledStep(CognitoGateway cognito) {
    this.cognito = cognito;
  }

  @Override
  public Optional<String> plan(PassContext pass) {
    boolean now = pass.existing().enabled();
    boolean desired = pass.spec().isEnabledOrDefault();
    return now == desired ? Optional.empty() : Optional.of("enabled: " + now + " -> " + desired);
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
    } catch (CallNotDone f) {
      return FailureReasons.outcome(Facet.ENABLED, pass.target(), f);
    }
    pass.observed(Optional.of(user.withEnabled(desired)));
    return desired
        ? StepOutcome.changed(Facet.ENABLED, "UserEnabled", "Enabled " + pass.target().describe())
        : StepOutcome.changed(
            Facet.ENABLED, "UserDisabled", "Disabled " + pass.target().describe());
  }
}
