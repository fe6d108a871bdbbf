package dev.operator.cognito.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * A CognitoUser's claim on one Cognito user, as the operator recorded it when it read the user.
 * Status is writable by anyone with rights on {@code cognitousers/status}, so the claim is sealed
 * with a MAC under the operator's key: a claim that does not verify, or that was made for another
 * target than the spec names now, is no claim.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class UserClaim {

  @JsonPropertyDescription("The user pool of the target the claim was made for.")
  private String userPoolId;

  @JsonPropertyDescription("The region of that target; empty for the SDK's default region.")
  private String region;

  @JsonPropertyDescription(
      "spec.username when the claim was made: the claim ends when the spec names another user.")
  private String username;

  @JsonPropertyDescription(
      "The Cognito user claimed: a keyed digest of its pool and sub, which names it without"
          + " revealing it.")
  private String user;

  @JsonPropertyDescription(
      "The user's username in Cognito; present only while this CognitoUser owns the user.")
  private String canonicalUsername;

  @JsonPropertyDescription("When this CognitoUser first claimed the user (RFC 3339).")
  private String since;

  @JsonPropertyDescription(
      "When this CognitoUser became the user's owner (RFC 3339); absent while it waits behind"
          + " another owner.")
  private String ownerSince;

  @JsonPropertyDescription(
      "MAC under the operator's key of the claim, the CognitoUser it belongs to and what the"
          + " status records as managed for it; a claim that does not verify is ignored.")
  private String seal;

  public UserClaim() {}

  public UserClaim(
      String userPoolId,
      String region,
      String username,
      String user,
      String canonicalUsername,
      String since,
      String ownerSince) {
    this.userPoolId = userPoolId;
    this.region = region;
    this.username = username;
    this.user = user;
    this.canonicalUsername = canonicalUsername;
    this.since = since;
    this.ownerSince = ownerSince;
  }

  public UserClaim copy() {
    UserClaim c =
        new UserClaim(userPoolId, region, username, user, canonicalUsername, since, ownerSince);
    c.seal = seal;
    return c;
  }

  public String getUserPoolId() {
    return userPoolId;
  }

  public void setUserPoolId(String userPoolId) {
    this.userPoolId = userPoolId;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getCanonicalUsername() {
    return canonicalUsername;
  }

  public void setCanonicalUsername(String canonicalUsername) {
    this.canonicalUsername = canonicalUsername;
  }

  public String getSince() {
    return since;
  }

  public void setSince(String since) {
    this.since = since;
  }

  public String getOwnerSince() {
    return ownerSince;
  }

  public void setOwnerSince(String ownerSince) {
    this.ownerSince = ownerSince;
  }

  public String getSeal() {
    return seal;
  }

  public void setSeal(String seal) {
    this.seal = seal;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserClaim that
        && Objects.equals(userPoolId, that.userPoolId)
        && Objects.equals(region, that.region)
        && Objects.equals(username, that.username)
        && Objects.equals(user, that.user)
        && Objects.equals(canonicalUsername, that.canonicalUsername)
        && Objects.equals(since, that.since)
        && Objects.equals(ownerSince, that.ownerSince)
        && Objects.equals(seal, that.seal);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        userPoolId, region, username, user, canonicalUsername, since, ownerSince, seal);
  }
}
