package dev.operator.cognito.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Objects;

/** The user's MFA as Cognito last reported it (AdminGetUser), or as the operator last set it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class MfaStatus {

  @JsonPropertyDescription(
      "The kinds of MFA that are on (Cognito's UserMFASettingList): SMS_MFA, EMAIL_OTP,"
          + " SOFTWARE_TOKEN_MFA.")
  private List<String> enabled;

  @JsonPropertyDescription(
      "The kind the user is asked for when several are on (Cognito's PreferredMfaSetting);"
          + " absent when none is preferred.")
  private String preferred;

  public MfaStatus() {}

  public MfaStatus(List<String> enabled, String preferred) {
    this.enabled = enabled;
    this.preferred = preferred;
  }

  public List<String> getEnabled() {
    return enabled;
  }

  public void setEnabled(List<String> enabled) {
    this.enabled = enabled;
  }

  public String getPreferred() {
    return preferred;
  }

  public void setPreferred(String preferred) {
    this.preferred = preferred;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MfaStatus that
        && Objects.equals(enabled, that.enabled)
        && Objects.equals(preferred, that.preferred);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, preferred);
  }
}
