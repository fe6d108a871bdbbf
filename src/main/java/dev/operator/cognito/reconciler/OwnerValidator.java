package dev.operator.cognito.reconciler;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.cognito.FailureKind;
import java.util.Objects;
import java.util.Optional;

/**
 * One owner per Cognito user: the oldest CognitoUser that claims it. The others are refused and
 * wait their turn; an owner in another namespace is not named.
 */
final class OwnerValidator {

  private final OwnerCheck owners;

  OwnerValidator(OwnerCheck owners) {
    this.owners = owners;
  }

  /** {@code canonicalUsername}: as Cognito named the user, or the spec's name for a new one. */
  Optional<Refusal> check(PassContext pass, String canonicalUsername) {
    return owners
        .olderClaimant(pass.user(), pass.target().userPoolId(), canonicalUsername)
        .map(
            owner ->
                new Refusal(
                    ReadyReason.Conflict,
                    pass.target().describe()
                        + " is already managed by "
                        + describeOwner(pass.user(), owner),
                    FailureKind.OUTSIDE_CLUSTER));
  }

  private static String describeOwner(CognitoUser self, CognitoUser owner) {
    return Objects.equals(self.getMetadata().getNamespace(), owner.getMetadata().getNamespace())
        ? "CognitoUser " + owner.getMetadata().getName() + " in this namespace, created earlier"
        : "an older CognitoUser in another namespace";
  }
}
