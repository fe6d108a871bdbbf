package dev.operator.cognito.aws;

import java.util.Optional;

/**
 * A kind of multi-factor authentication, named as Cognito names it in AdminGetUser's
 * UserMFASettingList and PreferredMfaSetting.
 */
public enum MfaKind {
  SMS("SMS_MFA"),
  EMAIL("EMAIL_OTP"),
  SOFTWARE_TOKEN("SOFTWARE_TOKEN_MFA");

  private final String cognitoName;

  MfaKind(String cognitoName) {
    this.cognitoName = cognitoName;
  }

  /** The name in UserMFASettingList and PreferredMfaSetting. */
  public String cognitoName() {
    return cognitoName;
  }

  public static Optional<MfaKind> ofCognitoName(String name) {
    for (MfaKind kind : values()) {
      if (kind.cognitoName.equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
