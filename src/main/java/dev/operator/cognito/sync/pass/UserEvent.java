package dev.operator.cognito.sync.pass;

/** A Kubernetes Event to record on a CognitoUser. */
public record UserEvent(Type type, String reason, String message) {
  public enum Type {
    Normal,
    Warning
  }
}
