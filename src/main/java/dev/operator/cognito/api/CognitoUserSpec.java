package dev.operator.cognito.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;
import java.util.Objects;

// a newer CRD may carry fields this version does not know: they must not stop the informer
@JsonIgnoreProperties(ignoreUnknown = true)
// a claim ends when its target changes: the API server keeps a CognitoUser on one pool and region
// (a transition rule on spec, since one on the optional field itself misses its setting or removal)
@ValidationRule(
    value = CognitoUserSpec.REGION_UNCHANGED,
    fieldPath = ".region",
    message = CognitoUserSpec.REGION_IMMUTABLE)
public class CognitoUserSpec {

  /** CEL: spec.region is neither set, removed nor changed. */
  public static final String REGION_UNCHANGED =
      "has(self.region) == has(oldSelf.region)"
          + " && (!has(self.region) || self.region == oldSelf.region)";

  public static final String REGION_IMMUTABLE =
      "spec.region cannot be set, changed or removed: to move the user to another region, delete"
          + " this CognitoUser and create a new one (with deletionPolicy Retain, the default, the"
          + " Cognito user stays where it is)";

  public static final String POOL_IMMUTABLE =
      "spec.userPoolId is immutable: to move the user to another pool, delete this CognitoUser"
          + " and create a new one (with deletionPolicy Retain, the default, the Cognito user stays"
          + " in its pool)";

  @Required
  @Size(min = 1, max = 55)
  @Pattern("^[\\w-]+_[0-9a-zA-Z]+$")
  @ValidationRule(value = "self == oldSelf", message = POOL_IMMUTABLE)
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

  @Default("IfMissing")
  @JsonPropertyDescription(
      "IfMissing (default) creates a user that does not exist (AdminCreateUser, with no"
          + " invitation message from Cognito) and then sets its password from the Secret; an"
          + " existing user is adopted, not recreated. Never only manages a user that already"
          + " exists: a missing one is reported with reason UserNotFound.")
  private CreationPolicy creationPolicy;

  @Size(max = 50)
  @JsonPropertyDescription(
      "User attributes kept as written here (AdminUpdateUserAttributes), such as email,"
          + " email_verified: \"true\" or custom:team. An attribute the operator set that leaves"
          + " this map is deleted from the user; attributes it never set are left alone. sub and"
          + " the other attributes Cognito manages itself are refused.")
  private Map<String, String> attributes;

  @Default("true")
  @JsonPropertyDescription(
      "Whether the user may sign in: false disables the user (AdminDisableUser), true enables"
          + " it again.")
  private Boolean enabled;

  @Size(max = 100)
  @JsonPropertyDescription(
      "Groups of the pool that the user must be in. A group the operator added that leaves"
          + " this list is left by the user again; groups the operator never added are left"
          + " alone. A group that does not exist is reported with reason GroupNotFound.")
  private List<String> groups;

  @Default("Retain")
  @JsonPropertyDescription(
      "What happens to the Cognito user when this CognitoUser is deleted: Retain (default)"
          + " leaves it; Delete deletes it (AdminDeleteUser) before the CognitoUser goes, through"
          + " a finalizer that is present only while the policy is Delete.")
  private DeletionPolicy deletionPolicy;

  @Default("Full")
  @JsonPropertyDescription(
      "Full (default) keeps the user as this spec says. ObserveOnly only reads the user and"
          + " reports: status.pendingChanges lists what Full would change and the InSync"
          + " condition says whether anything would, and nothing is written to Cognito or to a"
          + " Secret (no user created, no password generated or set); deletion never deletes the"
          + " Cognito user. Ownership claims still apply. Switching to Full applies the plan.")
  private ManagementPolicy managementPolicy;

  @JsonPropertyDescription(
      "true issues the temporary password from the Secret again once it has expired while"
          + " the user is still in FORCE_CHANGE_PASSWORD, so that the user is not locked out."
          + " Default false: the expiry is reported with reason TemporaryPasswordExpired.")
  private Boolean renewExpiredTemporaryPassword;

  @JsonPropertyDescription(
      "true signs the user out everywhere (AdminUserGlobalSignOut) after each password the"
          + " operator sets, once per change: the user's refresh tokens stop working, but access"
          + " and ID tokens already issued stay valid until they expire. Not on a resync, not for"
          + " a password found already in place, not for a user the operator has just created,"
          + " and not for a password set before this was turned on. Default false.")
  private Boolean signOutOnPasswordChange;

  @JsonPropertyDescription(
      "The user's MFA preferences, written with AdminSetUserMFAPreference only when what"
          + " Cognito holds differs; a kind left out is left alone. status.mfa shows what Cognito"
          + " holds.")
  private MfaSpec mfa;

  /** Why this spec could not be read as this version knows it; null when it could. */
  @JsonIgnore private String unreadable;

  /** A spec that could not be read: the operator reports it and makes no call for it. */
  static CognitoUserSpec unreadable(String why) {
    CognitoUserSpec spec = new CognitoUserSpec();
    spec.unreadable = why;
    return spec;
  }

  @JsonIgnore
  public java.util.Optional<String> unreadable() {
    return java.util.Optional.ofNullable(unreadable);
  }

  public CreationPolicy getCreationPolicy() {
    return creationPolicy;
  }

  public void setCreationPolicy(CreationPolicy creationPolicy) {
    this.creationPolicy = creationPolicy;
  }

  @JsonIgnore
  public CreationPolicy creationPolicyOrDefault() {
    return creationPolicy == null ? CreationPolicy.IfMissing : creationPolicy;
  }

  public Map<String, String> getAttributes() {
    return attributes;
  }

  public void setAttributes(Map<String, String> attributes) {
    this.attributes = attributes;
  }

  @JsonIgnore
  public Map<String, String> attributesOrEmpty() {
    return attributes == null ? Map.of() : attributes;
  }

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  @JsonIgnore
  public boolean isEnabledOrDefault() {
    return enabled == null || enabled;
  }

  public List<String> getGroups() {
    return groups;
  }

  public void setGroups(List<String> groups) {
    this.groups = groups;
  }

  @JsonIgnore
  public List<String> groupsOrEmpty() {
    return groups == null ? List.of() : groups;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }

  @JsonIgnore
  public DeletionPolicy deletionPolicyOrDefault() {
    return deletionPolicy == null ? DeletionPolicy.Retain : deletionPolicy;
  }

  public Boolean getRenewExpiredTemporaryPassword() {
    return renewExpiredTemporaryPassword;
  }

  public void setRenewExpiredTemporaryPassword(Boolean renewExpiredTemporaryPassword) {
    this.renewExpiredTemporaryPassword = renewExpiredTemporaryPassword;
  }

  @JsonIgnore
  public boolean renewsExpiredTemporaryPassword() {
    return Boolean.TRUE.equals(renewExpiredTemporaryPassword);
  }

  public Boolean getSignOutOnPasswordChange() {
    return signOutOnPasswordChange;
  }

  public void setSignOutOnPasswordChange(Boolean signOutOnPasswordChange) {
    this.signOutOnPasswordChange = signOutOnPasswordChange;
  }

  @JsonIgnore
  public boolean signsOutOnPasswordChange() {
    return Boolean.TRUE.equals(signOutOnPasswordChange);
  }

  public MfaSpec getMfa() {
    return mfa;
  }

  public void setMfa(MfaSpec mfa) {
    this.mfa = mfa;
  }

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
        && Objects.equals(region, that.region)
        && Objects.equals(allowFederatedUser, that.allowFederatedUser)
        && creationPolicy == that.creationPolicy
        && Objects.equals(attributes, that.attributes)
        && Objects.equals(enabled, that.enabled)
        && Objects.equals(groups, that.groups)
        && deletionPolicy == that.deletionPolicy
        && Objects.equals(renewExpiredTemporaryPassword, that.renewExpiredTemporaryPassword)
        && Objects.equals(signOutOnPasswordChange, that.signOutOnPasswordChange)
        && Objects.equals(mfa, that.mfa)
        && managementPolicy == that.managementPolicy;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        userPoolId,
        username,
        passwordSecretRef,
        permanent,
        region,
        allowFederatedUser,
        creationPolicy,
        attributes,
        enabled,
        groups,
        deletionPolicy,
        renewExpiredTemporaryPassword,
        signOutOnPasswordChange,
        mfa,
        managementPolicy);
  }

  public ManagementPolicy getManagementPolicy() {
    return managementPolicy;
  }

  public void setManagementPolicy(ManagementPolicy managementPolicy) {
    this.managementPolicy = managementPolicy;
  }

  /** The API server applies the schema default; this covers objects that never went through it. */
  @JsonIgnore
  public boolean isObserveOnly() {
    return managementPolicy == ManagementPolicy.ObserveOnly;
  }
}
