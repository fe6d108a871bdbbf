package dev.operator.cognito.reconciler;

import dev.operator.cognito.api.CognitoUser;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link OwnerCheck} over the operator's cache of CognitoUsers. A CognitoUser claims the Cognito
 * user its status names (the canonical username Cognito answered), so an alias does not hide a
 * claim; one that has not read its user yet (or was refused before reading it) claims nothing, so a
 * namespace cannot squat users it may not manage. The oldest claimant (creationTimestamp, then uid)
 * owns the user.
 */
final class ClaimsInCache implements OwnerCheck {

  private static final Comparator<CognitoUser> AGE =
      Comparator.comparing((CognitoUser u) -> created(u))
          .thenComparing(u -> String.valueOf(u.getMetadata().getUid()));

  static final String INDEX = "cognitouser-by-claim";

  private volatile IndexerResourceCache<CognitoUser> cache;

  /** Indexes the cache by claim, so that a write looks at claimants only, not at every user. */
  void readFrom(IndexerResourceCache<CognitoUser> cache) {
    cache.addIndexer(INDEX, ClaimsInCache::claimsOf);
    this.cache = cache;
  }

  /** The CognitoUsers that claimed what {@code gone} claimed: one of them owns it now. */
  java.util.Set<io.javaoperatorsdk.operator.processing.event.ResourceID> queuedBehind(
      CognitoUser gone) {
    if (cache == null) {
      return java.util.Set.of();
    }
    return claimsOf(gone).stream()
        .flatMap(claim -> cache.byIndex(INDEX, claim).stream())
        .filter(other -> !Objects.equals(other.getMetadata().getUid(), gone.getMetadata().getUid()))
        .map(io.javaoperatorsdk.operator.processing.event.ResourceID::fromResource)
        .collect(java.util.stream.Collectors.toSet());
  }

  private static java.util.List<String> claimsOf(CognitoUser user) {
    if (user.getSpec() == null
        || user.getStatus() == null
        || user.getStatus().getCanonicalUsername() == null) {
      return java.util.List.of();
    }
    return java.util.List.of(
        claim(user.getSpec().getUserPoolId(), user.getStatus().getCanonicalUsername()));
  }

  private static String claim(String poolId, String canonicalUsername) {
    return poolId + "/" + canonicalUsername;
  }

  @Override
  public Optional<CognitoUser> olderClaimant(
      CognitoUser self, String poolId, String canonicalUsername) {
    if (cache == null) {
      return Optional.empty();
    }
    return cache.byIndex(INDEX, claim(poolId, canonicalUsername)).stream()
        .filter(other -> !Objects.equals(other.getMetadata().getUid(), self.getMetadata().getUid()))
        .filter(other -> AGE.compare(other, self) < 0)
        .min(AGE);
  }

  private static Instant created(CognitoUser user) {
    String timestamp = user.getMetadata().getCreationTimestamp();
    return timestamp == null ? Instant.MAX : Instant.parse(timestamp);
  }
}
