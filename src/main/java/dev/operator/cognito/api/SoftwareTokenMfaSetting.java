package dev.operator.cognito.api;

/**
 * What spec.mfa asks for TOTP (an authenticator app): only that it be off. An administrator cannot
 * enrol one; the user does, with AssociateSoftwareToken and VerifySoftwareToken.
 */
public enum SoftwareTokenMfaSetting {
  Disabled
}
