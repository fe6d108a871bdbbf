package dev.operator.cognito.api;

/** Whether the operator creates a Cognito user that does not exist. */
public enum CreationPolicy {
  IfMissing,
  Never
}
