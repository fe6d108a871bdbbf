package dev.operator.cognito.sync.claim;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.UserClaim;
import dev.operator.cognito.aws.ObservedUser;
import dev.operator.cognito.aws.UserTarget;
import dev.operator.cognito.fingerprint.PasswordFingerprinter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Names Cognito users and seals claims under the operator's key. Status is a cache anyone with
 * rights on {@code cognitousers/status} can write, so a claim counts only when its seal verifies:
 * it binds the claim to the CognitoUser's uid and to what the status records as managed for it.
 */
public final class ClaimSeal {

  private final PasswordFingerprinter keys;

  public ClaimSeal(PasswordFingerprinter keys) {
    this.keys = keys;
  }

  /**
   * The Cognito user, named by its pool and its sub (immutable, whatever spelling reached it), as a
   * keyed digest that tells two claims on one user apart from claims on others and reveals nothing.
   */
  public String identity(UserTarget target, ObservedUser user) {
    String who = user.sub().map(sub -> "sub:" + sub).orElse("username:" + user.username());
    return keys.seal("user", List.of(target.region().orElse(""), target.userPoolId(), who));
  }

  /** A new claim on {@code identity} for this target, first held {@code since}. */
  public static UserClaim fresh(UserTarget target, String identity, String since) {
    return new UserClaim(
        target.userPoolId(),
        target.region().orElse(""),
        target.username(),
        identity,
        null,
        since,
        null);
  }

  /** Whether {@code claim} was made for the target the spec names now. */
  public static boolean isFor(UserClaim claim, UserTarget target) {
    return Objects.equals(claim.getUserPoolId(), target.userPoolId())
        && Objects.equals(claim.getRegion(), target.region().orElse(""))
        && Objects.equals(claim.getUsername(), target.username());
  }

  /** Seals the status's claim, if it has one, as it now stands. */
  public void seal(CognitoUser user, CognitoUserStatus status) {
    if (status.getClaim() != null) {
      status.getClaim().setSeal(keys.seal("claim", fields(user, status)));
    }
  }

  /** Whether the status's claim is one this operator sealed, for this very CognitoUser. */
  public boolean verifies(CognitoUser user, CognitoUserStatus status) {
    UserClaim claim = status == null ? null : status.getClaim();
    if (claim == null || claim.getSeal() == null) {
      return false;
    }
    return java.security.MessageDigest.isEqual(
        claim.getSeal().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        keys.seal("claim", fields(user, status)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static List<String> fields(CognitoUser user, CognitoUserStatus status) {
    UserClaim claim = status.getClaim();
    List<String> fields = new ArrayList<>();
    fields.add(user.getMetadata().getUid());
    fields.add(user.getMetadata().getNamespace());
    fields.add(user.getMetadata().getName());
    fields.add(claim.getUserPoolId());
    fields.add(claim.getRegion());
    fields.add(claim.getUsername());
    fields.add(claim.getUser());
    fields.add(claim.getCanonicalUsername());
    fields.add(claim.getSince());
    fields.add(claim.getOwnerSince());
    // what was set for this user is the operator's to undo only while the seal verifies
    fields.add(String.join("\n", sorted(status.getManagedGroups())));
    fields.add(String.join("\n", sorted(status.getManagedAttributes())));
    return fields;
  }

  private static List<String> sorted(List<String> names) {
    return names == null ? List.of() : names.stream().sorted().toList();
  }
}
