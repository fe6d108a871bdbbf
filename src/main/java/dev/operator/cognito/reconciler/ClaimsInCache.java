package dev.operator.cognito.reconciler;

import dev.operator.cognito.api.CognitoUser;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
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

  private volatile IndexedResourceCache<CognitoUser> cache;

  void readFrom(IndexedResourceCache<CognitoUser> cache) {
    this.cache = cache;
  }

  @Override
  public Optional<CognitoUser> olderClaimant(
      CognitoUser self, String poolId, String canonicalUsername) {
    if (cache == null) {
      return Optional.empty();
    }
    return cache
        .list()
        .filter(other -> !Objects.equals(other.getMetadata().getUid(), self.getMetadata().getUid()))
        .filter(other -> other.getSpec() != null && poolId.equals(other.getSpec().getUserPoolId()))
        .filter(
            other ->
                other.getStatus() != null
                    && canonicalUsername.equals(other.getStatus().getCanonicalUsername()))
        .filter(other -> AGE.compare(other, self) < 0)
        .min(AGE);
  }

  private static Instant created(CognitoUser user) {
    String timestamp = user.getMetadata().getCreationTimestamp();
    return timestamp == null ? Instant.MAX : Instant.parse(timestamp);
  }
}
