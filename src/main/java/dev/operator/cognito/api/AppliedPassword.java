package dev.operator.cognito.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * A record of the last successful AdminSetUserPassword, and of the sign-out that follows it, safe
 * to show to readers of the CR. Records are shared between the status and the process's memory:
 * change one only through the methods that return a new one.
 */
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

  @JsonPropertyDescription(
      "true while the user still has to be signed out after this password"
          + " (spec.signOutOnPasswordChange): AdminUserGlobalSignOut failed or waits its turn, and"
          + " is tried again without setting the password again.")
  private Boolean signOutPending;

  @JsonPropertyDescription(
      "MAC, under the operator's key, of signOutPending together with this CognitoUser and this"
          + " very write: a pending sign-out that does not verify is dropped, never made.")
  private String signOutSeal;

  @JsonPropertyDescription("When the operator signed the user out after this password (RFC 3339).")
  private String signedOutAt;

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

  public Boolean getSignOutPending() {
    return signOutPending;
  }

  public void setSignOutPending(Boolean signOutPending) {
    this.signOutPending = signOutPending;
  }

  public String getSignOutSeal() {
    return signOutSeal;
  }

  public void setSignOutSeal(String signOutSeal) {
    this.signOutSeal = signOutSeal;
  }

  public String getSignedOutAt() {
    return signedOutAt;
  }

  public void setSignedOutAt(String signedOutAt) {
    this.signedOutAt = signedOutAt;
  }

  /** Whether a sign-out is recorded as still to be made after this password. */
  @JsonIgnore
  public boolean owesSignOut() {
    return Boolean.TRUE.equals(signOutPending);
  }

  /** This record with a sign-out still to be made, sealed with {@code seal}. */
  public AppliedPassword withSignOutPending(String seal) {
    AppliedPassword record = copy();
    record.signOutPending = true;
    record.signOutSeal = seal;
    record.signedOutAt = null;
    return record;
  }

  /** This record once the sign-out was made at {@code at}. */
  public AppliedPassword signedOut(String at) {
    AppliedPassword record = withoutSignOut();
    record.signedOutAt = at;
    return record;
  }

  /** This record with no sign-out to make. */
  public AppliedPassword withoutSignOut() {
    AppliedPassword record = copy();
    record.signOutPending = null;
    record.signOutSeal = null;
    return record;
  }

  private AppliedPassword copy() {
    AppliedPassword record = new AppliedPassword();
    record.fingerprint = fingerprint;
    record.permanent = permanent;
    record.appliedAt = appliedAt;
    record.found = found;
    record.signOutPending = signOutPending;
    record.signOutSeal = signOutSeal;
    record.signedOutAt = signedOutAt;
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
        && Objects.equals(found, that.found)
        && Objects.equals(signOutPending, that.signOutPending)
        && Objects.equals(signOutSeal, that.signOutSeal)
        && Objects.equals(signedOutAt, that.signedOutAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        fingerprint, permanent, appliedAt, found, signOutPending, signOutSeal, signedOutAt);
  }
}
