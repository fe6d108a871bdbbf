package dev.operator.cognito.reconciler;

import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.cognito.FailureKind;

/** Why a validator stopped the pass, and what can fix it. */
record Refusal(ReadyReason reason, String message, FailureKind kind) {

  static Refusal needsChange(ReadyReason reason, String message) {
    return new Refusal(reason, message, FailureKind.NEEDS_CHANGE);
  }
}
