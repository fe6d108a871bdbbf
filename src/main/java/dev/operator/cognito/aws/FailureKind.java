package dev.operator.cognito.aws;

/** Failures sorted by what fixes them, which decides when the operator tries again. */
public enum FailureKind {
  /** Only a change to the CognitoUser or its Secret fixes it: wait for that event. */
  NEEDS_CHANGE,
  /** Fixed outside the cluster (user created, IAM granted): check again now and then. */
  OUTSIDE_CLUSTER,
  /** Time fixes it (throttling, outage): retry with exponential backoff and jitter. */
  TRANSIENT
}
