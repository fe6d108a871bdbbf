package dev.operator.cognito.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

@JsonInclude(JsonInclude.Include.NON_NULL)
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
          + " spec.username used. One Cognito user has one owning CognitoUser: the oldest that"
          + " claims it.")
  private String canonicalUsername;

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
        && Objects.equals(canonicalUsername, that.canonicalUsername);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        userStatus, conditions, observedGeneration, appliedPassword, canonicalUsername);
  }
}
