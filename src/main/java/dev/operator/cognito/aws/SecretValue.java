package dev.operator.cognito.aws;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

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

  /**
   * Removes the password from text that came from elsewhere, such as a service's error message: as
   * it is, and in the forms a service may echo it in (JSON-escaped, URL-encoded, base64).
   */
  public String scrub(String text) {
    if (text == null || value.isEmpty()) {
      return text;
    }
    String scrubbed = text;
    for (String form : forms()) {
      scrubbed = scrubbed.replace(form, "[REDACTED]");
    }
    return scrubbed;
  }

  private java.util.List<String> forms() {
    String json = new String(JsonStringEncoder.getInstance().quoteAsString(value));
    return java.util.List.of(
        value,
        json,
        URLEncoder.encode(value, StandardCharsets.UTF_8),
        URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"),
        Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "[REDACTED]";
  }
}
