package dev.operator.cognito.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

@JsonInclude(JsonInclude.Include.NON_NULL)
// a newer CRD may carry fields this version does not know: they must not stop the informer
@JsonIgnoreProperties(ignoreUnknown = true)
public class CognitoUserStatus {

  @JsonPropertyDescription(
      "The user's status as Cognito reports it (AdminGetUser), such as CONFIRMED or"
          + " FORCE_CHANGE_PASSWORD.")
  private String userStatus;

  @JsonPropertyDescription(
      "Current state of the CognitoUser. The Ready condition is always present; when it is"
          + " False, its reason and message name the problem. Reconciling (a transient failure"
          + " is being retried) and Stalled (only a change can let the operator go on) appear,"
          + " True, only while they hold, as kstatus reads them.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The metadata.generation that this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "What the operator last wrote to Cognito. It lets the operator skip writes when nothing"
          + " changed; it holds a keyed fingerprint, never the password.")
  private AppliedPassword appliedPassword;

  @JsonPropertyDescription(
      "The user's username in Cognito, as AdminGetUser answered it, whatever alias"
          + " spec.username used; shown only while this CognitoUser owns the user.")
  private String canonicalUsername;

  @JsonPropertyDescription(
      "This CognitoUser's claim on the Cognito user, made when the operator read the user. One"
          + " Cognito user has one owning CognitoUser: the earliest live claim on it.")
  private UserClaim claim;

  @JsonPropertyDescription("The user's sub: Cognito's immutable identifier for it.")
  private String sub;

  @JsonPropertyDescription("Whether the user may sign in, as Cognito last reported it.")
  private Boolean enabled;

  @JsonPropertyDescription(
      "Names of the attributes the operator manages: those it set from spec.attributes. Only"
          + " these are deleted when they leave the spec.")
  private List<String> managedAttributes;

  @JsonPropertyDescription(
      "Groups the operator put the user in, from spec.groups. Only these are left again when"
          + " they leave the spec.")
  private List<String> managedGroups;

  @JsonPropertyDescription("When Cognito created the user (RFC 3339).")
  private String userCreateDate;

  @JsonPropertyDescription("When Cognito last changed the user (RFC 3339).")
  private String userLastModifiedDate;

  @JsonPropertyDescription(
      "When the temporary password set by the operator stops working (the pool's"
          + " TemporaryPasswordValidityDays after it was set); present while the user is in"
          + " FORCE_CHANGE_PASSWORD.")
  private String temporaryPasswordExpiresAt;

  @JsonPropertyDescription(
      "The user's MFA as Cognito last reported it (AdminGetUser) or the operator last set it;"
          + " absent when no kind of MFA is on or preferred.")
  private MfaStatus mfa;

  @JsonPropertyDescription(
      "The value of the annotation cognito.operator.dev/reconcile-requested-at that the operator"
          + " last handled with a pass that read the user afresh.")
  private String lastHandledReconcileAt;

  @JsonPropertyDescription(
      "When the operator next replaces the generated password (passwordSecretRef.rotation),"
          + " RFC 3339.")
  private String nextRotationAt;

  @JsonPropertyDescription(
      "What the next write would change, one line per facet (password, attributes: +email,"
          + " ~name, -custom:team, enabled: false -> true, groups: +admins, -staff, mfa: ...),"
          + " without any secret's value. With managementPolicy ObserveOnly it is the drift"
          + " between the spec and Cognito; absent when there is none.")
  private List<String> pendingChanges;

  public List<String> getPendingChanges() {
    return pendingChanges;
  }

  public void setPendingChanges(List<String> pendingChanges) {
    this.pendingChanges = pendingChanges;
  }

  @JsonPropertyDescription(
      "The value of the annotation cognito.operator.dev/rotate-requested-at that the operator"
          + " last handled by writing a new generated password.")
  private String lastHandledRotateAt;

  public String getNextRotationAt() {
    return nextRotationAt;
  }

  public void setNextRotationAt(String nextRotationAt) {
    this.nextRotationAt = nextRotationAt;
  }

  public String getLastHandledRotateAt() {
    return lastHandledRotateAt;
  }

  public void setLastHandledRotateAt(String lastHandledRotateAt) {
    this.lastHandledRotateAt = lastHandledRotateAt;
  }

  public UserClaim getClaim() {
    return claim;
  }

  public void setClaim(UserClaim claim) {
    this.claim = claim;
  }

  public String getSub() {
    return sub;
  }

  public void setSub(String sub) {
    this.sub = sub;
  }

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public List<String> getManagedAttributes() {
    return managedAttributes;
  }

  public void setManagedAttributes(List<String> managedAttributes) {
    this.managedAttributes = managedAttributes;
  }

  public List<String> getManagedGroups() {
    return managedGroups;
  }

  public void setManagedGroups(List<String> managedGroups) {
    this.managedGroups = managedGroups;
  }

  public String getUserCreateDate() {
    return userCreateDate;
  }

  public void setUserCreateDate(String userCreateDate) {
    this.userCreateDate = userCreateDate;
  }

  public String getUserLastModifiedDate() {
    return userLastModifiedDate;
  }

  public void setUserLastModifiedDate(String userLastModifiedDate) {
    this.userLastModifiedDate = userLastModifiedDate;
  }

  public String getTemporaryPasswordExpiresAt() {
    return temporaryPasswordExpiresAt;
  }

  public void setTemporaryPasswordExpiresAt(String temporaryPasswordExpiresAt) {
    this.temporaryPasswordExpiresAt = temporaryPasswordExpiresAt;
  }

  public String getLastHandledReconcileAt() {
    return lastHandledReconcileAt;
  }

  public void setLastHandledReconcileAt(String lastHandledReconcileAt) {
    this.lastHandledReconcileAt = lastHandledReconcileAt;
  }

  public MfaStatus getMfa() {
    return mfa;
  }

  public void setMfa(MfaStatus mfa) {
    this.mfa = mfa;
  }

  /** A copy whose lists and conditions can be changed without touching this one. */
  public CognitoUserStatus copy() {
    CognitoUserStatus c = new CognitoUserStatus();
    c.userStatus = userStatus;
    c.conditions = new ArrayList<>(conditions);
    c.observedGeneration = observedGeneration;
    c.appliedPassword = appliedPassword;
    c.canonicalUsername = canonicalUsername;
    c.claim = claim == null ? null : claim.copy();
    c.sub = sub;
    c.enabled = enabled;
    c.managedAttributes = managedAttributes == null ? null : new ArrayList<>(managedAttributes);
    c.managedGroups = managedGroups == null ? null : new ArrayList<>(managedGroups);
    c.userCreateDate = userCreateDate;
    c.userLastModifiedDate = userLastModifiedDate;
    c.temporaryPasswordExpiresAt = temporaryPasswordExpiresAt;
    c.mfa =
        mfa == null
            ? null
            : new MfaStatus(
                mfa.getEnabled() == null ? null : new ArrayList<>(mfa.getEnabled()),
                mfa.getPreferred());
    c.lastHandledReconcileAt = lastHandledReconcileAt;
    c.nextRotationAt = nextRotationAt;
    c.pendingChanges = pendingChanges == null ? null : new ArrayList<>(pendingChanges);
    c.lastHandledRotateAt = lastHandledRotateAt;
    return c;
  }

  public String getCanonicalUsername() {
    return canonicalUsername;
  }

  public void setCanonicalUsername(String canonicalUsername) {
    this.canonicalUsername = canonicalUsername;
  }

  public String getUserStatus() {
    return userStatus;
  }

  public void setUserStatus(String userStatus) {
    this.userStatus = userStatus;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  /** Whether the Ready condition is True: the one place that reads it so. */
  @JsonIgnore
  public boolean isReady() {
    return condition("Ready").filter(c -> "True".equals(c.getStatus())).isPresent();
  }

  public Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public AppliedPassword getAppliedPassword() {
    return appliedPassword;
  }

  public void setAppliedPassword(AppliedPassword appliedPassword) {
    this.appliedPassword = appliedPassword;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CognitoUserStatus that
        && Objects.equals(userStatus, that.userStatus)
        && Objects.equals(conditions, that.conditions)
        && Objects.equals(observedGeneration, that.observedGeneration)
        && Objects.equals(appliedPassword, that.appliedPassword)
        && Objects.equals(canonicalUsername, that.canonicalUsername)
        && Objects.equals(claim, that.claim)
        && Objects.equals(sub, that.sub)
        && Objects.equals(enabled, that.enabled)
        && Objects.equals(managedAttributes, that.managedAttributes)
        && Objects.equals(managedGroups, that.managedGroups)
        && Objects.equals(userCreateDate, that.userCreateDate)
        && Objects.equals(userLastModifiedDate, that.userLastModifiedDate)
        && Objects.equals(temporaryPasswordExpiresAt, that.temporaryPasswordExpiresAt)
        && Objects.equals(mfa, that.mfa)
        && Objects.equals(lastHandledReconcileAt, that.lastHandledReconcileAt)
        && Objects.equals(nextRotationAt, that.nextRotationAt)
        && Objects.equals(pendingChanges, that.pendingChanges)
        && Objects.equals(lastHandledRotateAt, that.lastHandledRotateAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        userStatus,
        conditions,
        observedGeneration,
        appliedPassword,
        canonicalUsername,
        claim,
        sub,
        enabled,
        managedAttributes,
        managedGroups,
        userCreateDate,
        userLastModifiedDate,
        temporaryPasswordExpiresAt,
        mfa,
        lastHandledReconcileAt,
        nextRotationAt,
        pendingChanges,
        lastHandledRotateAt);
  }
}
