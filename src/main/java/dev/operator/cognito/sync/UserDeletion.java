package dev.operator.cognito.sync;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.api.UserClaim;
import dev.operator.cognito.aws.CallNotDone;
import dev.operator.cognito.aws.CognitoGateway;
import dev.operator.cognito.aws.FailureKind;
import dev.operator.cognito.aws.ObservedUser;
import dev.operator.cognito.aws.UserTarget;
import dev.operator.cognito.sync.check.TargetCheck;
import dev.operator.cognito.sync.claim.ClaimRegistry;
import dev.operator.cognito.sync.claim.ClaimSeal;
import dev.operator.cognito.sync.claim.Ownership;
import dev.operator.cognito.sync.memory.RetryBackoff;
import dev.operator.cognito.sync.pass.Facet;
import dev.operator.cognito.sync.pass.FailureReasons;
import dev.operator.cognito.sync.pass.PassContext;
import dev.operator.cognito.sync.pass.Refusal;
import dev.operator.cognito.sync.pass.StepOutcome;
import dev.operator.cognito.sync.pass.SyncResult;
import dev.operator.cognito.sync.status.StatusAggregator;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A CognitoUser's Cognito user deleted with it (deletionPolicy Delete), only when it is the user
 * this CognitoUser owns, read now.
 */
final class UserDeletion {

  private final TargetCheck targets;
  private final StatusBase base;
  private final ClaimSeal seal;
  private final ClaimRegistry claims;
  private final CognitoGateway cognito;
  private final RetryBackoff backoff;
  private final StatusAggregator aggregator;
  private final Clock clock;

  UserDeletion(
      TargetCheck targets,
      StatusBase base,
      ClaimSeal seal,
      ClaimRegistry claims,
      CognitoGateway cognito,
      RetryBackoff backoff,
      StatusAggregator aggregator,
      Clock clock) {
    this.targets = targets;
    this.base = base;
    this.seal = seal;
    this.claims = claims;
    this.cognito = cognito;
    this.backoff = backoff;
    this.aggregator = aggregator;
    this.clock = clock;
  }

  /**
   * Deletes the Cognito user of a CognitoUser on its way out, if it may: the grants must still give
   * its namespace the pool and allow deletion, and the user the spec names must be the one this
   * CognitoUser claimed and owns, read now. The delete names the user by its canonical username.
   * Deferred or failing calls are tried again.
   */
  Deletion delete(CognitoUser user) {
    String key = UserSync.stateKey(user);
    TargetCheck.Result checked = targets.check(user);
    if (checked.refusal().isPresent()) {
      return new Deletion.Skipped(KEPT + checked.refusal().get().message());
    }
    UserTarget target = checked.target().orElseThrow();
    UserClaim claim = base.claimed(user, key, target).getClaim();
    if (claim == null || claim.getOwnerSince() == null) {
      return new Deletion.Skipped(
          KEPT
              + "this CognitoUser does not own "
              + target.describe()
              + " (the operator has not read and claimed it for the target the spec names now)");
    }
    Optional<ObservedUser> observed;
    try {
      observed = cognito.readUser(target);
    } catch (CallNotDone f) {
      return failedDeletion(user, key, target, f);
    }
    if (observed.isEmpty()) {
      return new Deletion.Done(target.describe() + " was already gone from Cognito");
    }
    String identity = seal.identity(target, observed.get());
    Ownership.Decision decision =
        Ownership.decide(
            user,
            Optional.of(claim).filter(c -> identity.equals(c.getUser())),
            ClaimSeal.fresh(target, identity, clock.instant().toString()),
            claims.liveClaimants(user, identity),
            observed.get().username(),
            clock.instant());
    if (!identity.equals(claim.getUser()) || !(decision instanceof Ownership.Owns)) {
      return new Deletion.Skipped(
          KEPT
              + target.describe()
              + " is not the Cognito user this CognitoUser owns (another CognitoUser owns it, or"
              + " the name now reaches another user)");
    }
    UserTarget canonical =
        new UserTarget(
            target.region(), target.userPoolId(), observed.get().username(), target.role());
    try {
      cognito.deleteUser(canonical, PassContext.callerOf(user));
      backoff.succeeded(key);
      return new Deletion.Done("Deleted " + target.describe() + " from Cognito");
    } catch (CallNotDone f) {
      return failedDeletion(user, key, target, f);
    }
  }

  private static final String KEPT = "the Cognito user was not deleted: ";

  private Deletion failedDeletion(CognitoUser user, String key, UserTarget target, CallNotDone f) {
    StepOutcome outcome = FailureReasons.outcome(Facet.USER, target, f);
    if (outcome.deferred()) {
      return new Deletion.Failed(
          new SyncResult(
              user.getStatus() == null ? new CognitoUserStatus() : user.getStatus(),
              List.of(),
              outcome.retryAfter(),
              Optional.empty()));
    }
    Refusal failed =
        new Refusal(
            ReadyReason.DeletionFailed,
            "deleting "
                + target.describe()
                + " (deletionPolicy Delete) failed: "
                + outcome.message(),
            // a delete that Cognito refuses for good still waits for a fix outside
            outcome.kind() == FailureKind.NEEDS_CHANGE
                ? FailureKind.OUTSIDE_CLUSTER
                : outcome.kind());
    return new Deletion.Failed(
        aggregator.refused(user, key, base.claimed(user, key, target), failed));
  }
}
