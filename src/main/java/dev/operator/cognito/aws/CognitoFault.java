package dev.operator.cognito.aws;

/**
 * What went wrong in a Cognito call, in the gateway's own words. Which condition reason it becomes
 * is the caller's business: a missing resource is a missing pool to AdminGetUser and a missing
 * group to AdminAddUserToGroup.
 */
public enum CognitoFault {
  /** The user does not exist (UserNotFoundException). */
  USER_NOT_FOUND,
  /** The pool, or the group the call names, does not exist (ResourceNotFoundException). */
  RESOURCE_NOT_FOUND,
  /** AdminCreateUser found the username, or an alias it would take, already in use. */
  USER_EXISTS,
  /** Cognito refused the password: its policy. */
  PASSWORD_REFUSED,
  /** Cognito refused the password because the pool's password history holds it. */
  PASSWORD_IN_HISTORY,
  /** Cognito refused a value the request carried (InvalidParameterException and kin). */
  INVALID_PARAMETER,
  /** The operator's AWS identity, or the role it assumes, may not make the call. */
  ACCESS_DENIED,
  /** Cognito throttled the call. */
  THROTTLED,
  /** Cognito did not answer well: 5xx, timeouts, dropped connections. */
  UNAVAILABLE,
  /** The SDK could not tell which region to call. */
  NO_REGION
}
