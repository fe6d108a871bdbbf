package dev.operator.cognito.aws;

import dev.operator.cognito.aws.ratelimit.Caller;
import dev.operator.cognito.aws.ratelimit.QuotaCategory;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Cognito calls the operator makes; the only place that knows the AWS SDK is behind it. Every
 * call passes the rate limiter of its {@link QuotaCategory}. Writes name the {@link Caller} they
 * are for: a write rate is shared fairly between namespaces, and a write whose slot is far off is
 * not made but deferred ({@link DeferredCall}); its caller is woken when its turn comes.
 */
public interface CognitoGateway {

  /** AdminGetUser: what Cognito holds of the user, or empty if there is no such user. */
  Optional<ObservedUser> readUser(UserTarget target) throws CallNotDone;

  /**
   * AdminCreateUser with MessageAction SUPPRESS (Cognito sends no invitation of its own) and these
   * attributes; the user is left in FORCE_CHANGE_PASSWORD with a password nobody knows.
   */
  ObservedUser createUser(UserTarget target, Map<String, String> attributes, Caller caller)
      throws CallNotDone;

  /** AdminSetUserPassword. */
  void setPassword(UserTarget target, SecretValue password, boolean permanent, Caller caller)
      throws CallNotDone;

  /** AdminUpdateUserAttributes. */
  void updateAttributes(UserTarget target, Map<String, String> attributes, Caller caller)
      throws CallNotDone;

  /** AdminDeleteUserAttributes. */
  void deleteAttributes(UserTarget target, Collection<String> names, Caller caller)
      throws CallNotDone;

  /** AdminEnableUser or AdminDisableUser. */
  void setEnabled(UserTarget target, boolean enabled, Caller caller) throws CallNotDone;

  /** AdminListGroupsForUser, every page: the names of the user's groups. */
  Set<String> groupsOf(UserTarget target) throws CallNotDone;

  /** AdminAddUserToGroup. */
  void addToGroup(UserTarget target, String group, Caller caller) throws CallNotDone;

  /** AdminRemoveUserFromGroup. */
  void removeFromGroup(UserTarget target, String group, Caller caller) throws CallNotDone;

  /**
   * AdminUserGlobalSignOut: every refresh token of the user stops working; access and ID tokens
   * already issued stay valid until they expire.
   */
  void signOut(UserTarget target, Caller caller) throws CallNotDone;

  /**
   * AdminSetUserMFAPreference with a setting for each kind in {@code choices}; the kinds left out
   * are left as they are.
   */
  void setMfaPreference(UserTarget target, Map<MfaKind, MfaChoice> choices, Caller caller)
      throws CallNotDone;

  /** AdminDeleteUser; a user that is already gone counts as deleted. */
  void deleteUser(UserTarget target, Caller caller) throws CallNotDone;

  /** DescribeUserPool: what the pool says of passwords, temporary and generated. */
  PoolPolicies poolPolicies(UserTarget target) throws CallNotDone;
}
