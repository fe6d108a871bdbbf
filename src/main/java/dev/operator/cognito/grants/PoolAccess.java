package dev.operator.cognito.grants;

import dev.operator.cognito.api.ReadyReason;
import java.util.Optional;

/** Whether a namespace may manage users of a pool, and under which AWS role. */
public sealed interface PoolAccess {

  /** Allowed; the calls run under {@code roleArn}, or the operator's own identity if empty. */
  record Allowed(Optional<String> roleArn) implements PoolAccess {}

  /** Refused, with the reason and a message for the CognitoUser's owner. */
  record Refused(ReadyReason reason, String message) implements PoolAccess {}
}
