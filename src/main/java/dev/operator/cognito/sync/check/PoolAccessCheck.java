package dev.operator.cognito.sync.check;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.grants.PoolAccess;

/** Whether a CognitoUser's namespace may manage its pool, from the grants the operator sees. */
@FunctionalInterface
public interface PoolAccessCheck {

  /** For an operator that does not check grants, and for tests of other things. */
  PoolAccessCheck ANY_POOL = user -> new PoolAccess.Allowed(java.util.Optional.empty());

  PoolAccess accessFor(CognitoUser user);
}
