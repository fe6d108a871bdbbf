package dev.operator.cognito.aws;

import java.util.Optional;

/**
 * The Cognito user a CognitoUser points at, and whose AWS identity calls Cognito for it.
 *
 * @param region the AWS region, or empty to use the SDK's default region chain
 * @param role the IAM role a UserPoolGrant names for these calls, or empty for the operator's own
 *     identity
 */
public record UserTarget(
    Optional<String> region, String userPoolId, String username, Optional<AssumedRole> role) {

  public UserTarget(Optional<String> region, String userPoolId, String username) {
    this(region, userPoolId, username, Optional.empty());
  }

  /** The same user, its calls made as {@code role}. */
  public UserTarget as(Optional<AssumedRole> role) {
    return new UserTarget(region, userPoolId, username, role);
  }

  /**
   * An IAM role to assume, and the session name that CloudTrail will show for it.
   *
   * @param sessionName names the operator and the CognitoUser's namespace
   */
  public record AssumedRole(String roleArn, String sessionName) {

    public static AssumedRole forNamespace(String roleArn, String namespace) {
      String session = ("cognito-user-operator-" + namespace).replaceAll("[^\\w+=,.@-]", "-");
      return new AssumedRole(roleArn, session.length() > 64 ? session.substring(0, 64) : session);
    }
  }

  /**
   * The region is the explicit one, else the prefix of the pool id (us-west-2_EXAMPLE lives in
   * us-west-2), else the SDK's default.
   */
  public static UserTarget of(String explicitRegion, String userPoolId, String username) {
    Optional<String> region =
        Optional.ofNullable(explicitRegion)
            .filter(r -> !r.isBlank())
            .or(() -> regionPrefixOf(userPoolId));
    return new UserTarget(region, userPoolId, username);
  }

  public static Optional<String> regionPrefixOf(String userPoolId) {
    if (userPoolId == null) {
      return Optional.empty();
    }
    int underscore = userPoolId.indexOf('_');
    return underscore > 0 ? Optional.of(userPoolId.substring(0, underscore)) : Optional.empty();
  }

  public String describe() {
    return "user '"
        + username
        + "' in pool "
        + userPoolId
        + region.map(r -> " (" + r + ")").orElse("")
        + role.map(r -> " as role " + r.roleArn()).orElse("");
  }
}
