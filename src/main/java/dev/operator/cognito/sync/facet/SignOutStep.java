package dev.operator.cognito.sync.facet;

import dev.operator.cognito.api.AppliedPassword;
import dev.operator.cognito.aws.CallNotDone;
import dev.operator.cognito.aws.CognitoGateway;
import dev.operator.cognito.sync.memory.WrittenPasswords;
import dev.operator.cognito.sync.pass.Facet;
import dev.operator.cognito.sync.pass.FailureReasons;
import dev.operator.cognito.sync.pass.PassContext;
import dev.operator.cognito.sync.pass.StepOutcome;
import dev.operator.cognito.sync.status.StatusConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs the user out everywhere (AdminUserGlobalSignOut) once after a password the operator set
 * with spec.signOutOnPasswordChange on, as the password record says. The record keeps saying so
 * until the sign-out is made, so one that fails is tried again on later passes, and the password is
 * not set again for it. A password found in place, or set before the flag was turned on, owes no
 * sign-out.
 */
public final class SignOutStep implements UserStep {

  private static final Logger log = LoggerFactory.getLogger(SignOutStep.class);

  private final CognitoGateway cognito;
  private final PendingSignOuts pending;
  private final StatusConditions clock;
  private final WrittenPasswords written;

  public SignOutStep(
      CognitoGateway cognito,
      PendingSignOuts pending,
      StatusConditions clock,
      WrittenPasswords written) {
    this.cognito = cognito;
    this.pending = pending;
    this.clock = clock;
    this.written = written;
  }

  @Override
  public StepOutcome apply(PassContext pass) {
    AppliedPassword record = pass.applied().orElse(null);
    if (record == null || !record.owesSignOut()) {
      return StepOutcome.unchanged(Facet.SIGN_OUT);
    }
    if (!pass.spec().signsOutOnPasswordChange()) {
      log.info(
          "{}: spec.signOutOnPasswordChange was turned off, so the pending sign-out is dropped",
          pass.name());
      keep(pass, record.withoutSignOut());
      return StepOutcome.unchanged(Facet.SIGN_OUT);
    }
    if (!pending.verifies(pass.user(), record)) {
      log.warn(
          "{}: the status records a pending sign-out that the operator's key does not vouch for;"
              + " it is dropped",
          pass.name());
      keep(pass, record.withoutSignOut());
      return StepOutcome.unchanged(Facet.SIGN_OUT);
    }
    try {
      cognito.signOut(pass.target(), pass.caller());
    } catch (CallNotDone f) {
      StepOutcome outcome = FailureReasons.outcome(Facet.SIGN_OUT, pass.target(), f);
      if (!outcome.failed()) {
        return outcome;
      }
      return new StepOutcome(
          outcome.facet(),
          outcome.result(),
          outcome.reason(),
          "the password is set, but signing the user out after it failed (tried again, without"
              + " setting the password again): "
              + outcome.message(),
          outcome.kind(),
          outcome.events(),
          outcome.retryAfter());
    }
    keep(pass, record.signedOut(clock.now()));
    log.info("{}: signed out {} everywhere", pass.name(), pass.target().describe());
    return StepOutcome.changed(
        Facet.SIGN_OUT,
        "UserSignedOut",
        "Signed out "
            + pass.target().describe()
            + " everywhere after the new password: its refresh tokens no longer work (access and"
            + " ID tokens already issued stay valid until they expire)");
  }

  /** The record, in the status being built and in this process's memory alike. */
  private void keep(PassContext pass, AppliedPassword record) {
    pass.next().setAppliedPassword(record);
    written.record(pass.key(), record);
  }
}
