package dev.operator.cognito.sync;

import dev.operator.cognito.api.AppliedPassword;
import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.aws.UserTarget;
import dev.operator.cognito.sync.claim.ClaimSeal;
import dev.operator.cognito.sync.memory.WrittenPasswords;
import dev.operator.cognito.sync.status.UserFacts;
import java.util.Objects;

/**
 * The status a pass builds on: a copy of the one it was handed, with this process's own newest
 * password record and only a claim that still holds.
 */
final class StatusBase {

  private final WrittenPasswords written;
  private final ClaimSeal seal;

  StatusBase(WrittenPasswords written, ClaimSeal seal) {
    this.written = written;
    this.seal = seal;
  }

  /**
   * A copy of the status the pass was handed, to build the next one from. A pass can be handed the
   * CognitoUser from before this process's own last status patch; the password record of that
   * patch, kept in memory, then stands in for the stale one, so that no result of the pass can lose
   * it (nor a sign-out made since, and so make it twice). A claim counts only if the operator
   * sealed it for this CognitoUser and for the target the spec names now; without one, the status
   * shows nothing of any user and manages nothing.
   */
  CognitoUserStatus claimed(CognitoUser user, String key, UserTarget target) {
    CognitoUserStatus base = withOwnRecord(user, key);
    if (base.getClaim() == null
        || !ClaimSeal.isFor(base.getClaim(), target)
        || !seal.verifies(user, base)) {
      dropClaim(base);
    }
    return base;
  }

  /** As {@link #claimed}, for a pass that has no target: it holds no claim. */
  CognitoUserStatus unclaimed(CognitoUser user, String key) {
    CognitoUserStatus base = withOwnRecord(user, key);
    dropClaim(base);
    return base;
  }

  private CognitoUserStatus withOwnRecord(CognitoUser user, String key) {
    CognitoUserStatus base =
        user.getStatus() == null ? new CognitoUserStatus() : user.getStatus().copy();
    written
        .latest(key)
        .filter(mine -> isNewer(mine, base.getAppliedPassword()))
        .ifPresent(base::setAppliedPassword);
    return base;
  }

  private static void dropClaim(CognitoUserStatus status) {
    status.setClaim(null);
    UserFacts.hide(status);
  }

  private static boolean isNewer(AppliedPassword mine, AppliedPassword handed) {
    if (handed == null || handed.getAppliedAt() == null) {
      return true;
    }
    if (mine.getAppliedAt() == null) {
      return false;
    }
    int order = mine.getAppliedAt().compareTo(handed.getAppliedAt());
    if (order != 0) {
      return order > 0;
    }
    // the same write: the sign-out made after it is newer than the record that still owes it
    return Objects.equals(mine.getFingerprint(), handed.getFingerprint())
        && handed.owesSignOut()
        && !mine.owesSignOut();
  }
}
