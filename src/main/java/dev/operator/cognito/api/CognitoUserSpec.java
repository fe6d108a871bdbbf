package dev.operator.cognito.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

public class CognitoUserSpec {

  @Required
  @Size(min = 1, max = 55)
  @Pattern("^[\\w-]+_[0-9a-zA-Z]+$")
  @JsonPropertyDescription(
      "ID of the Cognito user pool, such as us-west-2_EXAMPLE. Its prefix is the AWS region"
          + " unless spec.region is set.")
  private String userPoolId;

  @Required
  @Size(min = 1, max = 128)
  @Pattern("^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+$")
  @JsonPropertyDescription(
      "Name of the user in the pool: the username or any alias that Cognito accepts, such as"
          + " an e-mail address.")
  private String username;

  @Required
  @JsonPropertyDescription(
      "The Secret, in the same namespace as this CognitoUser, that holds the password.")
  private PasswordSecretRef passwordSecretRef;

  @Default("true")
  @JsonPropertyDescription(
      "true sets a permanent password the user signs in with; false sets a temporary password"
          + " the user must change at the next sign-in (status FORCE_CHANGE_PASSWORD).")
  private Boolean permanent;

  @Size(min = 1, max = 32)
  @Pattern("^[a-z0-9-]+$")
  @JsonPropertyDescription(
      "AWS region of the user pool. Defaults to the prefix of userPoolId, then to the"
          + " operator's default AWS region.")
  private String region;

  @JsonPropertyDescription(
      "true lets the operator set a password on a user that signs in through an external"
          + " identity provider (status EXTERNAL_PROVIDER). AWS advises against it: the profile"
          + " becomes a native user that signs in without the provider. Default false: refused"
          + " with reason FederatedUser.")
  private Boolean allowFederatedUser;

  public Boolean getAllowFederatedUser() {
    return allowFederatedUser;
  }

  public void setAllowFederatedUser(Boolean allowFederatedUser) {
    this.allowFederatedUser = allowFederatedUser;
  }

  @JsonIgnore
  public boolean allowsFederatedUser() {
    return Boolean.TRUE.equals(allowFederatedUser);
  }

  public String getUserPoolId() {
    return userPoolId;
  }

  public void setUserPoolId(String userPoolId) {
    this.userPoolId = userPoolId;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public PasswordSecretRef getPasswordSecretRef() {
    return passwordSecretRef;
  }

  public void setPasswordSecretRef(PasswordSecretRef passwordSecretRef) {
    this.passwordSecretRef = passwordSecretRef;
  }

  public Boolean getPermanent() {
    return permanent;
  }

  public void setPermanent(Boolean permanent) {
    this.permanent = permanent;
  }

  /** The API server applies the schema default; this covers objects that never went through it. */
  @JsonIgnore
  public boolean isPermanentPassword() {
    return permanent == null || permanent;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CognitoUserSpec that)) {
      return false;
    }
    return Objects.equals(userPoolId, that.userPoolId)
        && Objects.equals(username, that.username)
        && Objects.equals(passwordSecretRef, that.passwordSecretRef)
        && Objects.equals(permanent, that.permanent)
        && Objects.equals(region, that.region);
  }

  @Override
  public int hashCode() {
    return Objects.hash(userPoolId, username, passwordSecretRef, permanent, region);
  }
}
