package dev.operator.cognito.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** The user's MFA preferences (AdminSetUserMFAPreference); a kind left out is left alone. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// a newer CRD may carry fields this version does not know: they must not stop the informer
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(value = MfaSpec.ONE_PREFERRED, message = MfaSpec.ONE_PREFERRED_MESSAGE)
public class MfaSpec {

  /** CEL: at most one kind is Preferred (softwareToken can only be Disabled). */
  public static final String ONE_PREFERRED =
      "!(has(self.sms) && self.sms == 'Preferred' && has(self.email) && self.email == 'Preferred')";

  public static final String ONE_PREFERRED_MESSAGE =
      "at most one kind of MFA may be Preferred: set the other to Enabled";

  @JsonPropertyDescription(
      "MFA with a code sent by SMS to the user's phone_number: Disabled, Enabled, or Preferred"
          + " (enabled, and the kind the user is asked for when several are on). Enabled also"
          + " takes away a preference for SMS. Left out: left as it is.")
  private MfaSetting sms;

  @JsonPropertyDescription(
      "MFA with a code sent by e-mail to the user's email (the pool must be in the Essentials"
          + " tier or higher and send e-mail with Amazon SES): Disabled, Enabled or Preferred, as"
          + " for sms. Left out: left as it is.")
  private MfaSetting email;

  @JsonPropertyDescription(
      "MFA with an authenticator app (TOTP). Only Disabled is accepted: an administrator cannot"
          + " enrol an authenticator, only the user can (AssociateSoftwareToken and"
          + " VerifySoftwareToken), so the operator can turn TOTP off but never on. Left out: left"
          + " as it is.")
  private SoftwareTokenMfaSetting softwareToken;

  public MfaSetting getSms() {
    return sms;
  }

  public void setSms(MfaSetting sms) {
    this.sms = sms;
  }

  public MfaSetting getEmail() {
    return email;
  }

  public void setEmail(MfaSetting email) {
    this.email = email;
  }

  public SoftwareTokenMfaSetting getSoftwareToken() {
    return softwareToken;
  }

  public void setSoftwareToken(SoftwareTokenMfaSetting softwareToken) {
    this.softwareToken = softwareToken;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MfaSpec that
        && sms == that.sms
        && email == that.email
        && softwareToken == that.softwareToken;
  }

  @Override
  public int hashCode() {
    return Objects.hash(sms, email, softwareToken);
  }
}
