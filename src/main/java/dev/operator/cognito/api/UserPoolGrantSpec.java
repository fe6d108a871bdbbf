package dev.operator.cognito.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

// a newer CRD may carry fields this version does not know: they must not stop the informer
@JsonIgnoreProperties(ignoreUnknown = true)
public class UserPoolGrantSpec {

  @JsonPropertyDescription("Namespaces the grant applies to, by name.")
  private List<String> namespaces = new ArrayList<>();

  @JsonPropertyDescription(
      "Namespaces the grant applies to, by their labels (a standard label selector). A namespace"
          + " listed or selected is matched.")
  private LabelSelector namespaceSelector;

  @Required
  @Size(min = 1)
  @JsonPropertyDescription(
      "User pool ids the matched namespaces may manage users of; * matches any run of"
          + " characters, as in eu-west-1_*.")
  private List<String> userPools = new ArrayList<>();

  @Pattern("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]+$")
  @JsonPropertyDescription(
      "IAM role the operator assumes (STS AssumeRole) for the calls of the CognitoUsers this"
          + " grant lets through; empty means the operator's own identity.")
  private String awsRoleArn;

  @Default("true")
  @JsonPropertyDescription(
      "Whether CognitoUsers may take over a user that already exists in Cognito and that no"
          + " CognitoUser claims (setting the password of an existing user is the operator's"
          + " first job). false: only users the operator creates may be managed. Default true.")
  private Boolean allowAdoption;

  @Default("false")
  @JsonPropertyDescription(
      "Whether CognitoUsers may ask for their Cognito user to be deleted with them"
          + " (spec.deletionPolicy Delete). Default false: such a CognitoUser is refused with"
          + " reason ForbiddenByGrant, and on deletion its user is kept.")
  private Boolean allowDeletion;

  @Default("false")
  @JsonPropertyDescription(
      "Whether CognitoUsers may set a password on a user who signs in through an external"
          + " identity provider (spec.allowFederatedUser). Default false.")
  private Boolean allowFederatedUsers;

  @JsonPropertyDescription(
      "Groups CognitoUsers may put their users in (spec.groups), as globs where * matches any"
          + " run of characters. A Cognito group can carry an IAM role, so membership is the"
          + " administrator's to allow. Default: none.")
  private List<String> allowedGroups = new ArrayList<>();

  public boolean allowsAdoption() {
    return allowAdoption == null || allowAdoption;
  }

  public boolean allowsDeletion() {
    return Boolean.TRUE.equals(allowDeletion);
  }

  public boolean allowsFederatedUsers() {
    return Boolean.TRUE.equals(allowFederatedUsers);
  }

  public Boolean getAllowAdoption() {
    return allowAdoption;
  }

  public void setAllowAdoption(Boolean allowAdoption) {
    this.allowAdoption = allowAdoption;
  }

  public Boolean getAllowDeletion() {
    return allowDeletion;
  }

  public void setAllowDeletion(Boolean allowDeletion) {
    this.allowDeletion = allowDeletion;
  }

  public Boolean getAllowFederatedUsers() {
    return allowFederatedUsers;
  }

  public void setAllowFederatedUsers(Boolean allowFederatedUsers) {
    this.allowFederatedUsers = allowFederatedUsers;
  }

  public List<String> getAllowedGroups() {
    return allowedGroups;
  }

  public void setAllowedGroups(List<String> allowedGroups) {
    this.allowedGroups = allowedGroups == null ? new ArrayList<>() : allowedGroups;
  }

  public List<String> getNamespaces() {
    return namespaces;
  }

  public void setNamespaces(List<String> namespaces) {
    this.namespaces = namespaces == null ? new ArrayList<>() : namespaces;
  }

  public LabelSelector getNamespaceSelector() {
    return namespaceSelector;
  }

  public void setNamespaceSelector(LabelSelector namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }

  public List<String> getUserPools() {
    return userPools;
  }

  public void setUserPools(List<String> userPools) {
    this.userPools = userPools == null ? new ArrayList<>() : userPools;
  }

  public String getAwsRoleArn() {
    return awsRoleArn;
  }

  public void setAwsRoleArn(String awsRoleArn) {
    this.awsRoleArn = awsRoleArn;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserPoolGrantSpec other
        && namespaces.equals(other.namespaces)
        && Objects.equals(namespaceSelector, other.namespaceSelector)
        && userPools.equals(other.userPools)
        && Objects.equals(awsRoleArn, other.awsRoleArn)
        && Objects.equals(allowAdoption, other.allowAdoption)
        && Objects.equals(allowDeletion, other.allowDeletion)
        && Objects.equals(allowFederatedUsers, other.allowFederatedUsers)
        && allowedGroups.equals(other.allowedGroups);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        namespaces,
        namespaceSelector,
        userPools,
        awsRoleArn,
        allowAdoption,
        allowDeletion,
        allowFederatedUsers,
        allowedGroups);
  }
}
