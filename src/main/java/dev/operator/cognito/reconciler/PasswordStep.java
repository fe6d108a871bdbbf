package dev.operator.cognito.reconciler;

import dev.operator.cognito.api.AppliedPassword;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.cognito.CognitoFailure;
import dev.operator.cognito.cognito.CognitoGateway;
import dev.operator.cognito.cognito.ObservedUser;
import dev.operator.cognito.fingerprint.PasswordFingerprinter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the password from the Secret when it, the user it is for, or its permanence changed since
 * the last write the status records: the keyed fingerprint tells, without keeping the password.
 */
final class PasswordStep implements UserStep {

  private static final Logger log = LoggerFactory.getLogger(PasswordStep.class);

  private final CognitoGateway cognito;
  private final PasswordFingerprinter fingerprinter;
  private final StatusConditions clock;
  private final WrittenPasswords written;

  PasswordStep(
      CognitoGateway cognito,
      PasswordFingerprinter fingerprinter,
      StatusConditions clock,
      WrittenPasswords written) {
    this.cognito = cognito;
    this.fingerprinter = fingerprinter;
    this.clock = clock;
    this.written = written;
  }

  @Override
  public StepOutcome apply(PassContext pass) {
    Optional<AppliedPassword> applied = pass.applied();
    if (applied.isPresent() && pass.fingerprint().equals(applied.get().getFingerprint())) {
      return StepOutcome.unchanged(Facet.PASSWORD);
    }
    Optional<AppliedPassword> writtenHere =
        pass.created() ? Optional.empty() : written.matching(pass.key(), pass.fingerprint());
    if (writtenHere.isPresent()) {
      // the CognitoUser came without the record of this process's own write: put it back
      pass.next().setAppliedPassword(writtenHere.get());
      return StepOutcome.unchanged(Facet.PASSWORD);
    }
    if (applied.isPresent() && fingerprinter.madeWithOtherKey(applied.get().getFingerprint())) {
      log.warn(
          "{}: the recorded fingerprint was made with another key, so the password is set again",
          pass.name());
    }
    return write(pass, Facet.PASSWORD, "");
  }

  /** Sets the Secret's password, records it, and says so; {@code why} ends the Event's message. */
  StepOutcome write(PassContext pass, Facet facet, String why) {
    boolean permanent = pass.spec().isPermanentPassword();
    try {
      cognito.setPassword(pass.target(), pass.password(), permanent, pass.namespace());
    } catch (CognitoFailure f) {
      StepOutcome outcome = FailureReasons.outcome(facet, pass.target(), f);
      if (!outcome.deferred()) {
        pass.passwordWrite(FailureReasons.reasonOf(f).name());
      }
      return outcome;
    }
    pass.passwordWrite(SyncResult.WRITE_SUCCEEDED);
    AppliedPassword record = new AppliedPassword(pass.fingerprint(), permanent, clock.now());
    pass.next().setAppliedPassword(record);
    written.record(pass.key(), record);
    // the status Cognito documents for the write; the next periodic read confirms it
    ObservedUser before = pass.existing();
    pass.observed(
        Optional.of(
            before.withStatus(permanent ? "CONFIRMED" : ObservedUser.FORCE_CHANGE_PASSWORD)));
    String kind = permanent ? "permanent" : "temporary";
    log.info("{}: set a {} password for {}", pass.name(), kind, pass.target().describe());
    ReadyReason reason = permanent ? ReadyReason.PasswordSet : ReadyReason.TemporaryPasswordSet;
    return StepOutcome.changed(
        facet, reason.name(), "Set a " + kind + " password for " + pass.target().describe() + why);
  }
}
