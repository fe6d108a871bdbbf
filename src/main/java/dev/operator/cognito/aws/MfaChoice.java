package dev.operator.cognito.aws;

/**
 * What AdminSetUserMFAPreference sets for one kind of MFA: whether it is on, and whether it is the
 * one the user is asked for when several are.
 */
public record MfaChoice(boolean enabled, boolean preferred) {

  public MfaChoice {
    if (preferred && !enabled) {
      throw new IllegalArgumentException("a kind of MFA that is off cannot be preferred");
    }
  }
}
