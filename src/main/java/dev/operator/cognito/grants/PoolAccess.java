package dev.operator.cognito.grants;

import dev.operator.cognito.api.ReadyReason;
import java.util.Optional;

/** Whether a namespace may manage users of a pool, and under which AWS role. */
public sealed interface PoolAccess {

  /**
   * Allowed; the calls run under {@code roleArn}, or the operator's own identity if empty, and may
   * do what {@code permissions} say.
   */
  record Allowed(Optional<String> roleArn, GrantPermissions permissions) implements PoolAccess {

    public Allowed(Optional<String> roleArn) {
      this(roleArn, GrantPermissions.UNRESTRICTED);
    }
  }

  /**
   * Refused, with the reason and a message for the CognitoUser's owner; the pass's {@code
   * TargetCheck} turns it into its one refusal type.
   */
  record Refused(ReadyReason reason, String message) implements PoolAccess {}
}
