package dev.operator.cognito.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A record of the last successful AdminSetUserPassword, safe to show to readers of the CR. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// a newer CRD may carry fields this version does not know: they must not stop the informer
@JsonIgnoreProperties(ignoreUnknown = true)
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

  @JsonPropertyDescription(
      "true when the operator did not write this password but found it in place: the record"
          + " was lost or made with another key, and the user had already left"
          + " FORCE_CHANGE_PASSWORD (a temporary password) or the pool's password history held it"
          + " (a permanent one). It is written once the Secret's password changes.")
  private Boolean found;

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

  public Boolean getFound() {
    return found;
  }

  public void setFound(Boolean found) {
    this.found = found;
  }

  /** A record of a password the operator found in place rather than wrote. */
  public static AppliedPassword found(String fingerprint, boolean permanent, String at) {
    AppliedPassword record = new AppliedPassword(fingerprint, permanent, at);
    record.found = true;
    return record;
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
        && Objects.equals(appliedAt, that.appliedAt)
        && Objects.equals(found, that.found);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fingerprint, permanent, appliedAt, found);
  }
}
