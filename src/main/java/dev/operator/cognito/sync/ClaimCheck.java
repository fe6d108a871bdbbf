package dev.operator.cognito.sync;

import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.api.UserClaim;
import dev.operator.cognito.aws.ObservedUser;
import dev.operator.cognito.aws.UserTarget;
import dev.operator.cognito.grants.GrantPermissions;
import dev.operator.cognito.sync.claim.ClaimRegistry;
import dev.operator.cognito.sync.claim.ClaimSeal;
import dev.operator.cognito.sync.claim.Ownership;
import dev.operator.cognito.sync.memory.WrittenPasswords;
import dev.operator.cognito.sync.pass.PassContext;
import dev.operator.cognito.sync.pass.Refusal;
import java.time.Clock;
import java.util.Optional;

/** Who owns the user a pass read: its claim, or the refusal. */
final class ClaimCheck {

  private final ClaimSeal seal;
  private final ClaimRegistry claims;
  private final WrittenPasswords written;
  private final Clock clock;

  ClaimCheck(ClaimSeal seal, ClaimRegistry claims, WrittenPasswords written, Clock clock) {
    this.seal = seal;
    this.claims = claims;
    this.written = written;
    this.clock = clock;
  }

  /**
   * Claims the user this pass read, by its sub: ownership goes to the earliest live claim on it. On
   * success every later call of the pass names the user by its canonical username; otherwise the
   * refusal, and the status keeps only this CognitoUser's place in line.
   */
  Optional<Refusal> claim(PassContext pass, GrantPermissions permissions) {
    ObservedUser user = pass.existing();
    UserTarget target = pass.specTarget();
    String identity = seal.identity(target, user);
    CognitoUserStatus next = pass.next();
    Optional<UserClaim> mine =
        Optional.ofNullable(next.getClaim()).filter(c -> identity.equals(c.getUser()));
    if (next.getClaim() != null && mine.isEmpty()) {
      // the spec's spelling now reaches another user: what was set and written was for the last
      next.setManagedGroups(null);
      next.setManagedAttributes(null);
      next.setAppliedPassword(null);
      written.forget(pass.key());
    }
    Ownership.Decision decision =
        Ownership.decide(
            pass.user(),
            mine,
            ClaimSeal.fresh(target, identity, clock.instant().toString()),
            claims.liveClaimants(pass.user(), identity),
            user.username(),
            clock.instant());
    if (decision instanceof Ownership.Queued queued) {
      next.setClaim(queued.claim());
      return Optional.of(Ownership.conflict(pass, queued.owner()));
    }
    if (mine.isEmpty() && !pass.created() && !permissions.allowAdoption()) {
      next.setClaim(null);
      return Optional.of(
          Refusal.needsChange(
              ReadyReason.ForbiddenByGrant,
              target.describe()
                  + " already exists in Cognito and no CognitoUser claims it, and the"
                  + " UserPoolGrants that give this namespace the pool ("
                  + permissions.grants()
                  + ") set allowAdoption: false: only users the operator creates may be managed"));
    }
    next.setClaim(decision.claim());
    next.setCanonicalUsername(user.username());
    pass.resolve(user.username());
    return Optional.empty();
  }
}
