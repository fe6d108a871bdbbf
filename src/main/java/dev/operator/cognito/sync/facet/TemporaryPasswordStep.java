package dev.operator.cognito.sync.facet;

import dev.operator.cognito.api.AppliedPassword;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.aws.CallNotDone;
import dev.operator.cognito.aws.FailureKind;
import dev.operator.cognito.aws.ObservedUser;
import dev.operator.cognito.sync.pass.Facet;
import dev.operator.cognito.sync.pass.PassContext;
import dev.operator.cognito.sync.pass.StepOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary password works for the pool's TemporaryPasswordValidityDays only: shows when it
 * expires, says so once it has while the user still has not chosen a password, and issues it again
 * when spec.renewExpiredTemporaryPassword asks for that, so that the user is not locked out.
 */
public final class TemporaryPasswordStep implements UserStep {

  private static final Logger log = LoggerFactory.getLogger(TemporaryPasswordStep.class);

  private final PoolSettings pools;
  private final PasswordStep password;
  private final Clock clock;

  public TemporaryPasswordStep(PoolSettings pools, PasswordStep password, Clock clock) {
    this.pools = pools;
    this.password = password;
    this.clock = clock;
  }

  @Override
  public StepOutcome apply(PassContext pass) {
    AppliedPassword applied = pass.applied().orElse(null);
    ObservedUser user = pass.observed().orElse(null);
    if (applied == null
        || Boolean.TRUE.equals(applied.getPermanent())
        || user == null
        || !ObservedUser.FORCE_CHANGE_PASSWORD.equals(user.status())) {
      pass.next().setTemporaryPasswordExpiresAt(null);
      return StepOutcome.unchanged(Facet.TEMPORARY_PASSWORD);
    }
    Instant setAt;
    try {
      setAt = Instant.parse(applied.getAppliedAt());
    } catch (DateTimeParseException | NullPointerException e) {
      return StepOutcome.unchanged(Facet.TEMPORARY_PASSWORD);
    }
    int days;
    try {
      days = pools.temporaryPasswordValidityDays(pass.target());
    } catch (CallNotDone f) {
      // the expiry is a convenience: not knowing it must not stop the user's management
      log.warn("{}: could not read the pool's settings: {}", pass.name(), f.getMessage());
      return StepOutcome.unchanged(Facet.TEMPORARY_PASSWORD);
    }
    Instant expiresAt = setAt.plus(Duration.ofDays(days));
    pass.next().setTemporaryPasswordExpiresAt(expiresAt.toString());
    Instant now = clock.instant();
    if (now.isBefore(expiresAt)) {
      return StepOutcome.unchangedUntil(Facet.TEMPORARY_PASSWORD, Duration.between(now, expiresAt));
    }
    if (pass.spec().renewsExpiredTemporaryPassword()) {
      StepOutcome renewed =
          password.write(
              pass,
              Facet.TEMPORARY_PASSWORD,
              " again: the one set at " + applied.getAppliedAt() + " expired at " + expiresAt);
      if (renewed.result() == StepOutcome.Result.CHANGED) {
        pass.next()
            .setTemporaryPasswordExpiresAt(
                Instant.parse(pass.applied().orElseThrow().getAppliedAt())
                    .plus(Duration.ofDays(days))
                    .toString());
      }
      return renewed;
    }
    return StepOutcome.failed(
        Facet.TEMPORARY_PASSWORD,
        ReadyReason.TemporaryPasswordExpired,
        "the temporary password set at "
            + applied.getAppliedAt()
            + " expired at "
            + expiresAt
            + " and the user has not signed in to choose their own; put a new password in the"
            + " Secret, or set spec.renewExpiredTemporaryPassword to issue it again",
        FailureKind.NEEDS_CHANGE);
  }
}
