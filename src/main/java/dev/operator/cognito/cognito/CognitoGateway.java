package dev.operator.cognito.cognito;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Cognito calls the operator makes; the only place that knows the AWS SDK is behind it. Every
 * call passes the rate limiter of its {@link QuotaCategory}. Writes name the {@code tenant}
 * (namespace) they are for: a write rate is shared fairly between namespaces, and a write whose
 * slot is far off is not made but deferred ({@link DeferredCall}).
 */
public interface CognitoGateway {

  /** AdminGetUser: what Cognito holds of the user, or empty if there is no such user. */
  Optional<ObservedUser> readUser(UserTarget target) throws CognitoFailure;

  /**
   * AdminCreateUser with MessageAction SUPPRESS (Cognito sends no invitation of its own) and these
   * attributes; the user is left in FORCE_CHANGE_PASSWORD with a password nobody knows.
   */
  ObservedUser createUser(UserTarget target, Map<String, String> attributes, String tenant)
      throws CognitoFailure;

  /** AdminSetUserPassword. */
  void setPassword(UserTarget target, SecretValue password, boolean permanent, String tenant)
      throws CognitoFailure;

  /** AdminUpdateUserAttributes. */
  void updateAttributes(UserTarget target, Map<String, String> attributes, String tenant)
      throws CognitoFailure;

  /** AdminDeleteUserAttributes. */
  void deleteAttributes(UserTarget target, Collection<String> names, String tenant)
      throws CognitoFailure;

  /** AdminEnableUser or AdminDisableUser. */
  void setEnabled(UserTarget target, boolean enabled, String tenant) throws CognitoFailure;

  /** AdminListGroupsForUser, every page: the names of the user's groups. */
  Set<String> groupsOf(UserTarget target) throws CognitoFailure;

  /** AdminAddUserToGroup. */
  void addToGroup(UserTarget target, String group, String tenant) throws CognitoFailure;

  /** AdminRemoveUserFromGroup. */
  void removeFromGroup(UserTarget target, String group, String tenant) throws CognitoFailure;

  /** AdminDeleteUser; a user that is already gone counts as deleted. */
  void deleteUser(UserTarget target, String tenant) throws CognitoFailure;

  /** DescribeUserPool: how many days a temporary password stays valid, if the pool says. */
  Optional<Integer> temporaryPasswordValidityDays(UserTarget target) throws CognitoFailure;
}
