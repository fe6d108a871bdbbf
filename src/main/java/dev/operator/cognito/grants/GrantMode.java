package dev.operator.cognito.grants;

/** USER_POOL_GRANTS: what a namespace that no UserPoolGrant matches may do. */
public enum GrantMode {
  /** Use any pool, under the operator's own identity (a matched namespace only its pools). */
  OPTIONAL,
  /** Use no pool at all. */
  REQUIRED
}
