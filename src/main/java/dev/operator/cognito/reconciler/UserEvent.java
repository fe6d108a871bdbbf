package dev.operator.cognito.reconciler;

/** A Kubernetes Event to record on a CognitoUser. */
record UserEvent(Type type, String reason, String message) {
  enum Type {
    Normal,
    Warning
  }
}
