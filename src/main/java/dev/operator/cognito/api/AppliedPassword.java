package dev.operator.cognito.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A record of the last successful AdminSetUserPassword, safe to show to readers of the CR. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppliedPassword {

  @JsonPropertyDescription(
      "HMAC-SHA256, under a key only the operator holds, of the password together with the"
          + " user it was set for and whether it was permanent. It cannot be used to test"
          + " guesses of the password without that key.")
  private String fingerprint;

  @JsonPropertyDescription("Whether the password was set as permanent.")
  private Boolean permanent;

  @JsonPropertyDescription("When Cognito accepted the password (RFC 3339).")
  private String appliedAt;

  public AppliedPassword() {}

  public AppliedPassword(String fingerprint, boolean permanent, String appliedAt) {
    this.fingerprint = fingerprint;
    this.permanent = permanent;
    this.appliedAt = appliedAt;
  }

  public String getFingerprint() {
    return fingerprint;
  }

  public void setFingerprint(String fingerprint) {
    this.fingerprint = fingerprint;
  }

  public Boolean getPermanent() {
    return permanent;
  }

  public void setPermanent(Boolean permanent) {
    this.permanent = permanent;
  }

  public String getAppliedAt() {
    return appliedAt;
  }

  public void setAppliedAt(String appliedAt) {
    this.appliedAt = appliedAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AppliedPassword that
        && Objects.equals(fingerprint, that.fingerprint)
        && Objects.equals(permanent, that.permanent)
        && Objects.equals(appliedAt, that.appliedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fingerprint, permanent, appliedAt);
  }
}
