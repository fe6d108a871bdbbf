package dev.operator.cognito.api;

/**
 * Every reason the Ready condition can carry, in one place. The name is the CamelCase reason
 * written to the condition and to Events.
 */
public enum ReadyReason {
  PasswordSet(true),
  TemporaryPasswordSet(true),
  TemporaryPasswordNotReissued(true),
  Observed(true),
  InvalidSpec(false),
  SecretNotFound(false),
  SecretKeyNotFound(false),
  PasswordEmpty(false),
  PasswordHasWhitespace(false),
  PasswordTooLong(false),
  PasswordNotUtf8(false),
  GeneratedPasswordsDisabled(false),
  SecretNotOwned(false),
  PasswordPolicyUnmet(false),
  SecretWriteFailed(false),
  PasswordRejected(false),
  UserNotFound(false),
  UserPoolNotFound(false),
  AccessDenied(false),
  InvalidRequest(false),
  RegionUnknown(false),
  RegionNotAllowed(false),
  RegionMismatch(false),
  PoolNotAllowed(false),
  GrantConflict(false),
  ForbiddenByGrant(false),
  FederatedUser(false),
  Conflict(false),
  UserExists(false),
  AttributesRejected(false),
  GroupNotFound(false),
  TemporaryPasswordExpired(false),
  DeletionFailed(false),
  Throttled(false),
  RateLimited(false),
  CognitoUnavailable(false);

  private final boolean ready;

  ReadyReason(boolean ready) {
    this.ready = ready;
  }

  public boolean isReady() {
    return ready;
  }
}
