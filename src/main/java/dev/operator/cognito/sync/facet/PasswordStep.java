package dev.operator.cognito.sync.facet;

import dev.operator.cognito.api.AppliedPassword;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.aws.CallNotDone;
import dev.operator.cognito.aws.CognitoFailure;
import dev.operator.cognito.aws.CognitoFault;
import dev.operator.cognito.aws.CognitoGateway;
import dev.operator.cognito.aws.ObservedUser;
import dev.operator.cognito.fingerprint.PasswordFingerprinter;
import dev.operator.cognito.sync.memory.WrittenPasswords;
import dev.operator.cognito.sync.pass.Facet;
import dev.operator.cognito.sync.pass.FailureReasons;
import dev.operator.cognito.sync.pass.PassContext;
import dev.operator.cognito.sync.pass.StepOutcome;
import dev.operator.cognito.sync.pass.SyncResult;
import dev.operator.cognito.sync.status.StatusConditions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the password from the Secret when it, the user it is for, or its permanence changed since
 * the last write the status records: the keyed fingerprint tells, without keeping the password.
 */
public final class PasswordStep implements UserStep {

  private static final Logger log = LoggerFactory.getLogger(PasswordStep.class);

  /** The write outcome for a password the pool's history holds (a metric label too). */
  static final String IN_HISTORY = "PasswordInHistory";

  private final CognitoGateway cognito;
  private final PasswordFingerprinter fingerprinter;
  private final StatusConditions clock;
  private final WrittenPasswords written;
  private final PendingSignOuts signOuts;

  public PasswordStep(
      CognitoGateway cognito,
      PasswordFingerprinter fingerprinter,
      StatusConditions clock,
      WrittenPasswords written,
      PendingSignOuts signOuts) {
    this.cognito = cognito;
    this.fingerprinter = fingerprinter;
    this.clock = clock;
    this.written = written;
    this.signOuts = signOuts;
  }

  /**
   * "password" when the operator has no record of having set the Secret's password: it cannot read
   * a password from Cognito, so one it did not set counts as pending, unless it is a temporary one
   * the user has already replaced (which Full would not set again either).
   */
  @Override
  public Optional<String> plan(PassContext pass) {
    Optional<AppliedPassword> applied = pass.applied();
    if (applied.isPresent() && pass.fingerprint().equals(applied.get().getFingerprint())) {
      return Optional.empty();
    }
    if (written.matching(pass.key(), pass.fingerprint()).isPresent()) {
      return Optional.empty();
    }
    if (!pass.spec().isPermanentPassword()
        && !ObservedUser.FORCE_CHANGE_PASSWORD.equals(pass.existing().status())) {
      return Optional.empty();
    }
    return Optional.of(Facet.PASSWORD.label());
  }

  @Override
  public StepOutcome apply(PassContext pass) {
    Optional<AppliedPassword> applied = pass.applied();
    if (applied.isPresent() && pass.fingerprint().equals(applied.get().getFingerprint())) {
      if (Boolean.TRUE.equals(applied.get().getFound())) {
        keepSaying(pass);
      }
      return StepOutcome.unchanged(Facet.PASSWORD);
    }
    Optional<AppliedPassword> writtenHere =
        pass.created() ? Optional.empty() : written.matching(pass.key(), pass.fingerprint());
    if (writtenHere.isPresent()) {
      // the CognitoUser came without the record of this process's own write: put it back
      pass.next().setAppliedPassword(writtenHere.get());
      if (Boolean.TRUE.equals(writtenHere.get().getFound())) {
        keepSaying(pass);
      }
      return StepOutcome.unchanged(Facet.PASSWORD);
    }
    boolean verifiable =
        applied.isPresent() && !fingerprinter.madeWithOtherKey(applied.get().getFingerprint());
    if (verifiable || pass.created()) {
      // a record this operator can read says the password changed: a real change
      return write(pass, Facet.PASSWORD, "");
    }
    // no record that verifies: a new or re-applied CognitoUser, a lost status, a replaced key
    ObservedUser user = pass.existing();
    if (!pass.spec().isPermanentPassword()
        && !ObservedUser.FORCE_CHANGE_PASSWORD.equals(user.status())) {
      // a user who chose their own password is never sent back by a password nobody changed
      return found(
          pass,
          ReadyReason.TemporaryPasswordNotReissued,
          pass.target().describe()
              + " has already chosen their own password (user status "
              + user.status()
              + "), so the temporary password in the Secret is not set again; it is once the"
              + " Secret's password changes");
    }
    if (applied.isPresent()) {
      log.warn(
          "{}: the recorded fingerprint was made with another key, so the password is set again",
          pass.name());
    }
    StepOutcome outcome = write(pass, Facet.PASSWORD, "");
    if (outcome.failed()
        && pass.passwordWrite().filter(IN_HISTORY::equals).isPresent()
        && pass.spec().isPermanentPassword()) {
      // the pool's history holds it: it was set before, and setting it again is refused
      return found(
          pass,
          ReadyReason.PasswordSet,
          "the password from the Secret for "
              + pass.target().describe()
              + " is in the pool's password history, so it was set before; it is taken as in"
              + " place and written again once the Secret's password changes");
    }
    return outcome;
  }

  /** A password found in place stays so described until the Secret changes. */
  private static void keepSaying(PassContext pass) {
    if (pass.spec().isPermanentPassword()) {
      pass.readyNote(
          ReadyReason.PasswordSet,
          "the password from the Secret for "
              + pass.target().describe()
              + " was found in the pool's password history and is taken as in place");
    } else if (pass.observed().isPresent()
        && !ObservedUser.FORCE_CHANGE_PASSWORD.equals(pass.observed().get().status())) {
      pass.readyNote(
          ReadyReason.TemporaryPasswordNotReissued,
          pass.target().describe()
              + " has chosen their own password (user status "
              + pass.observed().get().status()
              + "); the temporary password in the Secret is set again once it changes");
    }
  }

  /** Takes the Secret's password as in place without writing it, and remembers that. */
  private StepOutcome found(PassContext pass, ReadyReason reason, String message) {
    AppliedPassword record =
        AppliedPassword.found(pass.fingerprint(), pass.spec().isPermanentPassword(), clock.now());
    pass.next().setAppliedPassword(record);
    written.record(pass.key(), record);
    pass.readyNote(reason, message);
    log.info("{}: {}", pass.name(), message);
    return StepOutcome.noted(Facet.PASSWORD, reason.name(), message);
  }

  /** Sets the Secret's password, records it, and says so; {@code why} ends the Event's message. */
  StepOutcome write(PassContext pass, Facet facet, String why) {
    boolean permanent = pass.spec().isPermanentPassword();
    try {
      cognito.setPassword(pass.target(), pass.password(), permanent, pass.caller());
    } catch (CallNotDone f) {
      StepOutcome outcome = FailureReasons.outcome(facet, pass.target(), f);
      if (!outcome.deferred()) {
        pass.passwordWrite(
            f.isFault(CognitoFault.PASSWORD_IN_HISTORY)
                ? IN_HISTORY
                : FailureReasons.reasonOf((CognitoFailure) f).name());
      }
      return outcome;
    }
    pass.passwordWrite(SyncResult.WRITE_SUCCEEDED);
    AppliedPassword record = new AppliedPassword(pass.fingerprint(), permanent, clock.now());
    if (pass.spec().signsOutOnPasswordChange() && !pass.created()) {
      // sessions begun with the password this one replaces end: SignOutStep makes the call, and
      // the record owes it until then (a user created in this pass has none to end)
      record = signOuts.owed(pass.user(), record);
    }
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
