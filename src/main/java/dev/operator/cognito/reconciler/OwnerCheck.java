package dev.operator.cognito.reconciler;

import dev.operator.cognito.api.CognitoUser;
import java.util.Optional;

/** Which other CognitoUser, if any, owns a Cognito user: the oldest that claims it. */
@FunctionalInterface
interface OwnerCheck {

  OwnerCheck NONE = (self, poolId, username) -> Optional.empty();

  /** An older CognitoUser that claims the same Cognito user, if there is one. */
  Optional<CognitoUser> olderClaimant(CognitoUser self, String poolId, String canonicalUsername);
}
