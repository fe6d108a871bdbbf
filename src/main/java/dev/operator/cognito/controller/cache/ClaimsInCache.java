package dev.operator.cognito.controller.cache;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.UserClaim;
import dev.operator.cognito.aws.UserTarget;
import dev.operator.cognito.grants.PoolAccess;
import dev.operator.cognito.sync.check.PoolAccessCheck;
import dev.operator.cognito.sync.claim.ClaimRegistry;
import dev.operator.cognito.sync.claim.ClaimSeal;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link ClaimRegistry} over the operator's cache of CognitoUsers, indexed by the Cognito user each
 * claims. Every claim found is checked again when it is asked for: its seal, its target against the
 * spec as it is now, and the grants of its namespace, so that a forged, stale or ungranted claim
 * never holds a user.
 */
public final class ClaimsInCache implements ClaimRegistry {

  static final String INDEX = "cognitouser-by-claim";

  private final ClaimSeal seal;
  private final PoolAccessCheck poolAccess;
  private volatile IndexerResourceCache<CognitoUser> cache;

  public ClaimsInCache(ClaimSeal seal, PoolAccessCheck poolAccess) {
    this.seal = seal;
    this.poolAccess = poolAccess;
  }

  /** Indexes the cache by claim, so that a pass looks at claimants only, not at every user. */
  public void readFrom(IndexerResourceCache<CognitoUser> cache) {
    cache.addIndexer(INDEX, ClaimsInCache::claimedIdentities);
    this.cache = cache;
  }

  /** The CognitoUsers that claimed what {@code gone} claimed: one of them may own it now. */
  public Set<ResourceID> queuedBehind(CognitoUser gone) {
    if (cache == null) {
      return Set.of();
    }
    return claimedIdentities(gone).stream()
        .flatMap(identity -> cache.byIndex(INDEX, identity).stream())
        .filter(other -> !sameResource(other, gone))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  @Override
  public List<CognitoUser> liveClaimants(CognitoUser self, String identity) {
    if (cache == null) {
      return List.of();
    }
    return live(cache.byIndex(INDEX, identity).stream(), self, identity);
  }

  /** Of {@code candidates}, the CognitoUsers but {@code self} whose claim on the user holds. */
  public List<CognitoUser> live(
      java.util.stream.Stream<CognitoUser> candidates, CognitoUser self, String identity) {
    return candidates
        .filter(other -> !sameResource(other, self))
        .filter(other -> claimedIdentities(other).contains(identity))
        .filter(other -> seal.verifies(other, other.getStatus()))
        .filter(other -> poolAccess.accessFor(other) instanceof PoolAccess.Allowed)
        .toList();
  }

  /** What a cached CognitoUser claims, if its claim was made for the target its spec names. */
  private static List<String> claimedIdentities(CognitoUser user) {
    UserClaim claim = user.getStatus() == null ? null : user.getStatus().getClaim();
    if (claim == null || claim.getUser() == null || user.getSpec() == null) {
      return List.of();
    }
    UserTarget target =
        UserTarget.of(
            user.getSpec().getRegion(),
            user.getSpec().getUserPoolId(),
            user.getSpec().getUsername());
    return ClaimSeal.isFor(claim, target) ? List.of(claim.getUser()) : List.of();
  }

  private static boolean sameResource(CognitoUser a, CognitoUser b) {
    return Objects.equals(a.getMetadata().getUid(), b.getMetadata().getUid())
        && Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace())
        && Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
  }
}
