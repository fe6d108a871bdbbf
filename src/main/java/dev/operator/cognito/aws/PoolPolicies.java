package dev.operator.cognito.aws;

import java.util.Optional;

/**
 * What DescribeUserPool says of the pool's passwords.
 *
 * @param temporaryPasswordValidityDays how many days a temporary password stays valid, if the pool
 *     says
 * @param passwordPolicy what a password must contain
 */
public record PoolPolicies(
    Optional<Integer> temporaryPasswordValidityDays, PasswordPolicy passwordPolicy) {

  /**
   * A pool's password policy. Where the pool says nothing, Cognito's defaults stand: eight
   * characters and every kind required.
   */
  public record PasswordPolicy(
      int minimumLength,
      boolean requireUppercase,
      boolean requireLowercase,
      boolean requireNumbers,
      boolean requireSymbols) {

    public static final PasswordPolicy COGNITO_DEFAULT =
        new PasswordPolicy(8, true, true, true, true);
  }
}
