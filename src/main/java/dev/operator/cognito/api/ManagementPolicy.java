package dev.operator.cognito.api;

/** How far the operator acts on the Cognito user. */
public enum ManagementPolicy {
  /** Reads and writes: the user is kept as the spec says. */
  Full,
  /**
   * Reads and reports only: what the next write would change is listed in status.pendingChanges,
   * and nothing is written to Cognito or to a Secret; deletion never deletes.
   */
  ObserveOnly
}
