package dev.operator.cognito.sync;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.MfaStatus;
import dev.operator.cognito.api.UserClaim;
import dev.operator.cognito.aws.ObservedUser;
import dev.operator.cognito.fingerprint.PasswordFingerprinter;
import dev.operator.cognito.sync.claim.ClaimRegistry;
import dev.operator.cognito.sync.claim.Ownership;
import dev.operator.cognito.sync.facet.PasswordStep;
import dev.operator.cognito.sync.facet.SignOutStep;
import dev.operator.cognito.sync.memory.UserStatusReads;
import dev.operator.cognito.sync.pass.PassContext;
import dev.operator.cognito.sync.pass.StepOutcome;
import dev.operator.cognito.sync.pass.SyncResult;
import dev.operator.cognito.sync.status.StatusAggregator;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A rotation that costs one call: the password written, nothing read (and, with
 * spec.signOutOnPasswordChange, the sign-out after it).
 */
final class PasswordOnlyPass {

  private final Freshness freshness;
  private final UserStatusReads reads;
  private final PasswordFingerprinter fingerprinter;
  private final ClaimRegistry claims;
  private final PasswordStep password;
  private final SignOutStep signOut;
  private final UserObserver observer;
  private final StatusAggregator aggregator;
  private final Clock clock;

  PasswordOnlyPass(
      Freshness freshness,
      UserStatusReads reads,
      PasswordFingerprinter fingerprinter,
      ClaimRegistry claims,
      PasswordStep password,
      SignOutStep signOut,
      UserObserver observer,
      StatusAggregator aggregator,
      Clock clock) {
    this.freshness = freshness;
    this.reads = reads;
    this.fingerprinter = fingerprinter;
    this.claims = claims;
    this.password = password;
    this.signOut = signOut;
    this.observer = observer;
    this.aggregator = aggregator;
    this.clock = clock;
  }

  /**
   * When a new permanent password in the Secret is all that changed, the user is not read first:
   * the last pass was Ready for this very spec, owns the user by a claim sealed under the current
   * key, recorded the password it replaced, and no periodic read is due. The user, its attributes,
   * groups and owner were in place, and a permanent write needs nothing of the user's state. The
   * write names the user by the canonical username the claim recorded, not by the spec's spelling.
   * A rotation costs one call instead of two of the account's quota. Should the user have gone
   * meanwhile, the write fails, and the pass after it reads the user and creates it.
   */
  Optional<SyncResult> tryWith(PassContext pass) {
    CognitoUser user = pass.user();
    if (!freshness.settled(user)
        || !user.getSpec().isPermanentPassword()
        || reads.isDue(pass.key())) {
      return Optional.empty();
    }
    CognitoUserStatus previous = user.getStatus();
    UserClaim claim = pass.next().getClaim();
    if (claim == null
        || claim.getOwnerSince() == null
        || claim.getCanonicalUsername() == null
        || fingerprinter.madeWithOtherKey(previous.getAppliedPassword().getFingerprint())
        || previous.getUserStatus() == null
        || ObservedUser.FEDERATED.equals(previous.getUserStatus())
        || previous.getEnabled() == null) {
      return Optional.empty();
    }
    Ownership.Decision decision =
        Ownership.decide(
            user,
            Optional.of(claim),
            claim,
            claims.liveClaimants(user, claim.getUser()),
            claim.getCanonicalUsername(),
            clock.instant());
    if (!(decision instanceof Ownership.Owns)) {
      return Optional.empty(); // the full pass reads the user and says who owns it
    }
    Map<String, String> attributes = new HashMap<>();
    Optional.ofNullable(previous.getSub()).ifPresent(sub -> attributes.put("sub", sub));
    MfaStatus mfa = previous.getMfa() == null ? new MfaStatus() : previous.getMfa();
    pass.observed(
        Optional.of(
            new ObservedUser(
                previous.getUserStatus(),
                claim.getCanonicalUsername(),
                attributes,
                previous.getEnabled(),
                instant(previous.getUserCreateDate()),
                instant(previous.getUserLastModifiedDate()),
                mfa.getEnabled() == null
                    ? List.of()
                    : mfa.getEnabled().stream().filter(Objects::nonNull).toList(),
                Optional.ofNullable(mfa.getPreferred()))));
    pass.resolve(claim.getCanonicalUsername());
    StepOutcome outcome = password.apply(pass);
    if (outcome.deferred()) {
      outcome
          .retryAfter()
          .ifPresent(wait -> observer.park(pass.key(), pass.specTarget(), Optional.empty(), wait));
    }
    // the write, if made, owes a sign-out (the last pass, being settled, left none owed)
    StepOutcome signedOut = signOut.apply(pass);
    return Optional.of(aggregator.aggregate(pass, List.of(outcome, signedOut)));
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.ofNullable(text).map(Instant::parse);
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
