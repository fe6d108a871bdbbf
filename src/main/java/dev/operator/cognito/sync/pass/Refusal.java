package dev.operator.cognito.sync.pass;

import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.aws.FailureKind;

/** Why a validator stopped the pass, and what can fix it. */
public record Refusal(ReadyReason reason, String message, FailureKind kind) {

  public static Refusal needsChange(ReadyReason reason, String message) {
    return new Refusal(reason, message, FailureKind.NEEDS_CHANGE);
  }
}
