package dev.operator.cognito.cognito;

/**
 * A password on its way to Cognito. It never prints itself, so that a stray log statement or
 * exception message cannot leak it.
 */
public final class SecretValue {

  private final String value;

  public SecretValue(String value) {
    this.value = value;
  }

  /** The password itself: for the Cognito request and the fingerprint, nowhere else. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  /** Removes the password from text that came from elsewhere, such as a service's error message. */
  public String scrub(String text) {
    if (text == null || value.isEmpty()) {
      return text;
    }
    return text.replace(value, "[REDACTED]");
  }

  @Override
  public String toString() {
    return "[REDACTED]";
  }
}
