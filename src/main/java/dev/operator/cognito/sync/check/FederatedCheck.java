package dev.operator.cognito.sync.check;

import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.aws.ObservedUser;
import dev.operator.cognito.sync.pass.PassContext;
import dev.operator.cognito.sync.pass.Refusal;
import java.util.Optional;

/**
 * A user who signs in through an external identity provider keeps doing so: a password would turn
 * the profile into a native user, so it is refused unless the spec opts in.
 */
public final class FederatedCheck {

  public Optional<Refusal> check(PassContext pass, ObservedUser user) {
    if (!user.isFederated() || pass.spec().allowsFederatedUser()) {
      return Optional.empty();
    }
    return Optional.of(
        Refusal.needsChange(
            ReadyReason.FederatedUser,
            pass.target().describe()
                + " signs in through an external identity provider (EXTERNAL_PROVIDER): a"
                + " password would turn it into a native user; set spec.allowFederatedUser to do"
                + " it anyway"));
  }
}
