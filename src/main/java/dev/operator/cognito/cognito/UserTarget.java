package dev.operator.cognito.cognito;

import java.util.Optional;

/**
 * The Cognito user a CognitoUser points at.
 *
 * @param region the AWS region, or empty to use the SDK's default region chain
 */
public record UserTarget(Optional<String> region, String userPoolId, String username) {

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
        + region.map(r -> " (" + r + ")").orElse("");
  }
}
