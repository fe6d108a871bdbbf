package dev.operator.cognito.sync;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.aws.UserTarget;
import dev.operator.cognito.sync.claim.ClaimSeal;
import dev.operator.cognito.sync.memory.UserStatusReads;
import dev.operator.cognito.sync.status.StatusConditions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a pass needs Cognito at all: when the last pass left everything in place for this very
 * spec and password, nothing is read or written until the periodic read is due.
 */
final class Freshness {

  /** A new value asks for a pass with a fresh read, as Flux's requestedAt does. */
  static final String RECONCILE_REQUESTED_AT = "cognito.operator.dev/reconcile-requested-at";

  /** Why a pass reads the user, if it does. */
  enum Why {
    /** The spec, the password or a request asks for it, or the last pass did not succeed. */
    SOMETHING_CHANGED,
    /** Only the periodic status read is due. */
    REFRESH_DUE,
    /** Nothing to read or write: the status stands. */
    NOTHING_CHANGED
  }

  private final UserStatusReads reads;
  private final ClaimSeal seal;
  private final Clock clock;

  Freshness(UserStatusReads reads, ClaimSeal seal, Clock clock) {
    this.reads = reads;
    this.seal = seal;
    this.clock = clock;
  }

  Why of(CognitoUser user, UserTarget target, String fingerprint, String key) {
    if (!settled(user)
        || !fingerprint.equals(user.getStatus().getAppliedPassword().getFingerprint())
        || user.getStatus().getClaim() == null
        || !ClaimSeal.isFor(user.getStatus().getClaim(), target)
        || !seal.verifies(user, user.getStatus())) {
      return Why.SOMETHING_CHANGED;
    }
    return reads.isDue(key) ? Why.REFRESH_DUE : Why.NOTHING_CHANGED;
  }

  /**
   * Whether the last pass left everything in place for this very spec: Ready, the same generation,
   * a password record with no sign-out still owed after it (one deferred by the rate limit leaves
   * Ready as it was), no reconcile request since and no temporary password expired.
   */
  boolean settled(CognitoUser user) {
    CognitoUserStatus previous = user.getStatus();
    return previous != null
        && previous.isReady()
        && Objects.equals(user.getMetadata().getGeneration(), previous.getObservedGeneration())
        && previous.getAppliedPassword() != null
        && previous.getAppliedPassword().getFingerprint() != null
        && !previous.getAppliedPassword().owesSignOut()
        && requestedAt(user).filter(r -> !r.equals(previous.getLastHandledReconcileAt())).isEmpty()
        // the first pass after a pause reads the user afresh: anything may have changed meanwhile
        && previous.condition(StatusConditions.PAUSED).isEmpty()
        && !expired(previous);
  }

  Optional<Duration> idleRecheck(CognitoUser user, String key) {
    Optional<Duration> refresh = reads.untilDue(key);
    Optional<Duration> expiry =
        expiresAt(user.getStatus()).map(at -> Duration.between(clock.instant(), at));
    if (expiry.isPresent() && (refresh.isEmpty() || expiry.get().compareTo(refresh.get()) < 0)) {
      return expiry.map(d -> d.isNegative() ? Duration.ZERO : d);
    }
    return refresh;
  }

  private boolean expired(CognitoUserStatus status) {
    return expiresAt(status).filter(at -> !clock.instant().isBefore(at)).isPresent();
  }

  private static Optional<Instant> expiresAt(CognitoUserStatus status) {
    return instant(status == null ? null : status.getTemporaryPasswordExpiresAt());
  }

  static Optional<String> requestedAt(CognitoUser user) {
    var annotations = user.getMetadata().getAnnotations();
    return Optional.ofNullable(
        annotations == null ? null : annotations.get(RECONCILE_REQUESTED_AT));
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.ofNullable(text).map(Instant::parse);
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
