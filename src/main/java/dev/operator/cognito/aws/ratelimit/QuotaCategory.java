package dev.operator.cognito.aws.ratelimit;

/**
 * Cognito's request-rate quota categories that the operator's calls fall in. Each is counted per
 * AWS account and region, so each gets its own limiter per account (or assumed role) and region.
 */
public enum QuotaCategory {
  /** AdminCreateUser (Cognito's UserCreation category; AWS default 50/s). */
  USER_CREATION(true),
  /** AdminSetUserPassword, kept apart so that rotations have a budget of their own. */
  PASSWORD_CHANGE(true),
  /**
   * AdminUpdateUserAttributes, AdminDeleteUserAttributes, AdminEnableUser, AdminDisableUser,
   * AdminDeleteUser, AdminUserGlobalSignOut, AdminSetUserMFAPreference (UserUpdate; AWS default
   * 25/s).
   */
  USER_UPDATE(true),
  /** AdminAddUserToGroup, AdminRemoveUserFromGroup (UserResourceUpdate; AWS default 25/s). */
  GROUP_CHANGE(true),
  /** AdminGetUser (UserRead; AWS default 120/s). */
  USER_READ(false),
  /** AdminListGroupsForUser (UserResourceRead; AWS default 50/s). */
  USER_RESOURCE_READ(false),
  /** DescribeUserPool (UserPoolRead; AWS default 15/s), cached by the caller. */
  USER_POOL_READ(false);

  private final boolean write;

  QuotaCategory(boolean write) {
    this.write = write;
  }

  /**
   * Writes share the rate fairly between namespaces and may be deferred; reads wait their turn,
   * since they are few (at most one AdminGetUser per pass).
   */
  public boolean isWrite() {
    return write;
  }
}
