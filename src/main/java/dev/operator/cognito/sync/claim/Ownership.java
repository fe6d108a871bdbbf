package dev.operator.cognito.sync.claim;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.UserClaim;
import dev.operator.cognito.sync.pass.PassContext;
import dev.operator.cognito.sync.pass.Refusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who owns a Cognito user, from the live claims on it. The operator makes a CognitoUser an owner
 * only when no live claim is ahead of it, so a later owner proves that every earlier owner's claim
 * had ended: among owners, the latest holds the user (an old claim replayed into a status never
 * takes a user back). With no owner, the earliest claim is next in line.
 */
public final class Ownership {

  /** What this pass may record as its claim, and whether it owns the user. */
  public sealed interface Decision {
    UserClaim claim();
  }

  public record Owns(UserClaim claim) implements Decision {}

  /** Another CognitoUser owns the user; {@code claim} keeps this one's place in line. */
  public record Queued(UserClaim claim, CognitoUser owner) implements Decision {}

  private record Holder(CognitoUser user, UserClaim claim) {}

  private static final Comparator<Holder> BY_UID =
      Comparator.comparing(h -> String.valueOf(h.user().getMetadata().getUid()));

  private Ownership() {}

  /**
   * @param mine this CognitoUser's own verified claim on the same Cognito user, if it has one
   * @param fresh the claim it makes if it has none
   * @param others the other live claimants
   * @param canonicalUsername the user's username in Cognito, recorded only by its owner
   */
  public static Decision decide(
      CognitoUser self,
      Optional<UserClaim> mine,
      UserClaim fresh,
      List<CognitoUser> others,
      String canonicalUsername,
      Instant now) {
    UserClaim claim = mine.map(UserClaim::copy).orElse(fresh);
    List<Holder> holders = new ArrayList<>();
    others.forEach(o -> holders.add(new Holder(o, o.getStatus().getClaim())));
    Holder me = new Holder(self, claim);
    holders.add(me);
    Holder owner = ownerAmong(holders);
    if (owner == me) {
      if (claim.getOwnerSince() == null) {
        claim.setOwnerSince(now.toString());
      }
      claim.setCanonicalUsername(canonicalUsername);
      return new Owns(claim);
    }
    UserClaim waiting = claim;
    if (claim.getOwnerSince() != null) {
      // a later owner shows that this claim had ended: it starts again at the back of the line
      waiting = fresh;
    }
    waiting.setCanonicalUsername(null);
    waiting.setOwnerSince(null);
    return new Queued(waiting, owner.user());
  }

  /** The refusal of a CognitoUser that does not own its user; an owner elsewhere is not named. */
  public static Refusal conflict(PassContext pass, CognitoUser owner) {
    boolean sameNamespace =
        java.util.Objects.equals(
            pass.user().getMetadata().getNamespace(), owner.getMetadata().getNamespace());
    return new Refusal(
        dev.operator.cognito.api.ReadyReason.Conflict,
        pass.specTarget().describe()
            + " is already managed by "
            + (sameNamespace
                ? "CognitoUser " + owner.getMetadata().getName() + " in this namespace"
                : "a CognitoUser in another namespace")
            + ", whose claim on the user came first",
        dev.operator.cognito.aws.FailureKind.OUTSIDE_CLUSTER);
  }

  private static Holder ownerAmong(List<Holder> holders) {
    Optional<Holder> latestOwner =
        holders.stream()
            .filter(h -> instant(h.claim().getOwnerSince()).isPresent())
            .max(
                Comparator.comparing((Holder h) -> instant(h.claim().getOwnerSince()).get())
                    .thenComparing(BY_UID.reversed()));
    if (latestOwner.isPresent()) {
      return latestOwner.get();
    }
    return holders.stream()
        .min(
            Comparator.comparing((Holder h) -> instant(h.claim().getSince()).orElse(Instant.MAX))
                .thenComparing(BY_UID))
        .orElseThrow();
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.ofNullable(text).map(Instant::parse);
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
