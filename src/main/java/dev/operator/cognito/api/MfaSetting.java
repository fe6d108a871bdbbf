package dev.operator.cognito.api;

/** What spec.mfa asks for one kind of MFA that an administrator may turn on. */
public enum MfaSetting {
  /** Off. */
  Disabled,
  /** On, and not the preferred kind. */
  Enabled,
  /** On, and the kind the user is asked for when several are on. */
  Preferred
}
