package dev.operator.cognito.reconciler;

import dev.operator.cognito.api.AppliedPassword;
import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.cognito.Caller;
import dev.operator.cognito.cognito.CognitoFailure;
import dev.operator.cognito.cognito.CognitoGateway;
import dev.operator.cognito.cognito.FailureKind;
import dev.operator.cognito.cognito.ObservedUser;
import dev.operator.cognito.cognito.SecretValue;
import dev.operator.cognito.cognito.UserTarget;
import dev.operator.cognito.fingerprint.PasswordFingerprinter;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One pass over a CognitoUser, free of the operator framework, as a pipeline: validate what needs
 * no call, observe the user (at most one AdminGetUser, and none when nothing can have changed),
 * validate what the user's state decides, run the steps in order, and aggregate their outcomes into
 * the status.
 */
final class UserSync {

  /** A new value asks for a pass with a fresh read, as Flux's requestedAt does. */
  static final String RECONCILE_REQUESTED_AT = "cognito.operator.dev/reconcile-requested-at";

  private final PasswordFingerprinter fingerprinter;
  private final TargetValidator targets;
  private final UserObserver observer;
  private final OwnerValidator owners;
  private final FederatedValidator federated = new FederatedValidator();
  private final List<UserStep> steps;
  private final StatusAggregator aggregator;
  private final UserStatusReads reads;
  private final RetryBackoff backoff;
  private final CognitoGateway cognito;
  private final Clock clock;
  private final WrittenPasswords written = new WrittenPasswords();
  private final LastPassStatus lastPass;
  private final PasswordStep password;

  UserSync(
      CognitoGateway cognito,
      PasswordFingerprinter fingerprinter,
      TargetValidator targets,
      OwnerCheck owners,
      StatusConditions conditions,
      UserStatusReads reads,
      RetryBackoff backoff,
      Duration recheckInterval,
      Clock clock) {
    this.cognito = cognito;
    this.fingerprinter = fingerprinter;
    this.targets = targets;
    this.observer = new UserObserver(cognito, reads, clock);
    this.owners = new OwnerValidator(owners);
    PasswordStep password = new PasswordStep(cognito, fingerprinter, conditions, written);
    this.password = password;
    this.steps =
        List.of(
            new EnsureUserStep(cognito),
            password,
            new TemporaryPasswordStep(new PoolSettings(cognito, clock), password, clock),
            new AttributesStep(cognito),
            new EnabledStep(cognito),
            new GroupsStep(cognito));
    this.aggregator = new StatusAggregator(conditions, backoff, reads, recheckInterval);
    this.reads = reads;
    this.backoff = backoff;
    this.clock = clock;
    this.lastPass = new LastPassStatus(clock);
  }

  SyncResult sync(CognitoUser handed, Optional<Secret> secret) {
    String key = stateKey(handed);
    SyncResult result = syncFrom(lastPass.current(key, handed), key, secret);
    if (result.status().equals(handed.getStatus())) {
      lastPass.forget(key); // no patch follows: what the pass was handed is current
    } else {
      lastPass.record(key, handed, result.status());
    }
    return result;
  }

  private SyncResult syncFrom(CognitoUser user, String key, Optional<Secret> secret) {
    TargetValidator.Result checked = targets.check(user);
    if (checked.refusal().isPresent()) {
      return aggregator.refused(user, key, base(user, key), checked.refusal().get());
    }
    UserTarget target = checked.target().orElseThrow();
    PasswordLookup lookup =
        PasswordLookup.in(
            user.getMetadata().getNamespace(), user.getSpec().getPasswordSecretRef(), secret);
    if (lookup instanceof PasswordLookup.Missing missing) {
      return aggregator.refused(
          user, key, base(user, key), Refusal.needsChange(missing.reason(), missing.message()));
    }
    SecretValue password = ((PasswordLookup.Found) lookup).password();
    String fingerprint = fingerprint(user, target, password);
    PassContext pass = new PassContext(user, key, target, password, fingerprint, base(user, key));
    Freshness freshness = freshness(user, fingerprint, key);
    if (freshness == Freshness.NOTHING_CHANGED) {
      return new SyncResult(user.getStatus(), List.of(), idleRecheck(user, key), Optional.empty());
    }
    requestedAt(user).ifPresent(pass.next()::setLastHandledReconcileAt);
    Optional<ObservedUser> unchanged = onlyThePasswordChanged(user, key);
    if (unchanged.isPresent()) {
      return passwordOnly(pass, unchanged.get());
    }
    try {
      pass.observed(observer.observe(key, target));
    } catch (CognitoFailure f) {
      if (freshness == Freshness.REFRESH_DUE) {
        return aggregator.refreshFailed(pass, f.getMessage());
      }
      return aggregator.aggregate(pass, List.of(FailureReasons.outcome(Facet.USER, target, f)));
    }
    // refused ones claim too, so that they queue by age: when the owner goes, the next oldest
    // takes over
    String canonical = pass.observed().map(ObservedUser::username).orElse(target.username());
    pass.next().setCanonicalUsername(canonical);
    Optional<Refusal> refusal = owners.check(pass, canonical);
    if (refusal.isEmpty() && pass.observed().isPresent()) {
      refusal = federated.check(pass, pass.observed().get());
    }
    if (refusal.isPresent()) {
      return aggregator.refused(pass, refusal.get());
    }
    List<StepOutcome> outcomes = new ArrayList<>();
    for (UserStep step : steps) {
      StepOutcome outcome = step.apply(pass);
      outcomes.add(outcome);
      if (outcome.stopsPass()) {
        break;
      }
    }
    outcomes.stream()
        .filter(StepOutcome::deferred)
        .flatMap(o -> o.retryAfter().stream())
        .min(Duration::compareTo)
        .ifPresent(wait -> observer.park(key, target, pass.observed(), wait));
    return aggregator.aggregate(pass, outcomes);
  }

  /**
   * The user as the last pass left it, when a new permanent password in the Secret is all that
   * changed: that pass was Ready for this very spec and recorded, under the current key, the
   * password it replaced, and no periodic read is due. Cognito is then not read first: the user,
   * its attributes, groups and owner were in place, and a permanent write needs nothing of the
   * user's state. A rotation costs one call instead of two of the account's quota. Should the user
   * have gone meanwhile, the write fails, and the pass after it reads the user and creates it.
   */
  private Optional<ObservedUser> onlyThePasswordChanged(CognitoUser user, String key) {
    if (!settled(user) || !user.getSpec().isPermanentPassword() || reads.isDue(key)) {
      return Optional.empty();
    }
    CognitoUserStatus previous = user.getStatus();
    if (fingerprinter.madeWithOtherKey(previous.getAppliedPassword().getFingerprint())
        || previous.getCanonicalUsername() == null
        || previous.getUserStatus() == null
        || ObservedUser.FEDERATED.equals(previous.getUserStatus())
        || previous.getEnabled() == null) {
      return Optional.empty();
    }
    Map<String, String> attributes = new HashMap<>();
    Optional.ofNullable(previous.getSub()).ifPresent(sub -> attributes.put("sub", sub));
    return Optional.of(
        new ObservedUser(
            previous.getUserStatus(),
            previous.getCanonicalUsername(),
            attributes,
            previous.getEnabled(),
            instant(previous.getUserCreateDate()),
            instant(previous.getUserLastModifiedDate())));
  }

  /** Writes the new password and nothing else; every other facet stays as the last pass left it. */
  private SyncResult passwordOnly(PassContext pass, ObservedUser asLeft) {
    pass.observed(Optional.of(asLeft));
    pass.next().setCanonicalUsername(asLeft.username());
    Optional<Refusal> refusal = owners.check(pass, asLeft.username());
    if (refusal.isPresent()) {
      return aggregator.refused(pass, refusal.get());
    }
    StepOutcome outcome = password.apply(pass);
    if (outcome.deferred()) {
      outcome
          .retryAfter()
          .ifPresent(wait -> observer.park(pass.key(), pass.target(), pass.observed(), wait));
    }
    return aggregator.aggregate(pass, List.of(outcome));
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.ofNullable(text).map(Instant::parse);
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * A copy of the status the pass was handed, to build the next one from. A pass can be handed the
   * CognitoUser from before this process's own last status patch; the password record of that
   * patch, kept in memory, then stands in for the stale one, so that no result of the pass can lose
   * it.
   */
  private CognitoUserStatus base(CognitoUser user, String key) {
    CognitoUserStatus base =
        user.getStatus() == null ? new CognitoUserStatus() : user.getStatus().copy();
    written
        .latest(key)
        .filter(mine -> isNewer(mine, base.getAppliedPassword()))
        .ifPresent(base::setAppliedPassword);
    return base;
  }

  private static boolean isNewer(AppliedPassword mine, AppliedPassword handed) {
    if (handed == null || handed.getAppliedAt() == null) {
      return true;
    }
    return mine.getAppliedAt() != null && mine.getAppliedAt().compareTo(handed.getAppliedAt()) > 0;
  }

  /** Why a pass reads the user, if it does. */
  private enum Freshness {
    /** The spec, the password or a request asks for it, or the last pass did not succeed. */
    SOMETHING_CHANGED,
    /** Only the periodic status read is due. */
    REFRESH_DUE,
    /** Nothing to read or write: the status stands. */
    NOTHING_CHANGED
  }

  private Freshness freshness(CognitoUser user, String fingerprint, String key) {
    if (!settled(user)
        || !fingerprint.equals(user.getStatus().getAppliedPassword().getFingerprint())) {
      return Freshness.SOMETHING_CHANGED;
    }
    return reads.isDue(key) ? Freshness.REFRESH_DUE : Freshness.NOTHING_CHANGED;
  }

  /**
   * Whether the last pass left everything in place for this very spec: Ready, the same generation,
   * a password record, no reconcile request since and no temporary password expired.
   */
  private boolean settled(CognitoUser user) {
    CognitoUserStatus previous = user.getStatus();
    return previous != null
        && isReady(previous)
        && Objects.equals(user.getMetadata().getGeneration(), previous.getObservedGeneration())
        && previous.getAppliedPassword() != null
        && previous.getAppliedPassword().getFingerprint() != null
        && requestedAt(user).filter(r -> !r.equals(previous.getLastHandledReconcileAt())).isEmpty()
        && !expired(previous);
  }

  private Optional<Duration> idleRecheck(CognitoUser user, String key) {
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

  private static boolean isReady(CognitoUserStatus status) {
    return status
        .condition(StatusConditions.READY)
        .filter(c -> "True".equals(c.getStatus()))
        .isPresent();
  }

  static Optional<String> requestedAt(CognitoUser user) {
    var annotations = user.getMetadata().getAnnotations();
    return Optional.ofNullable(
        annotations == null ? null : annotations.get(RECONCILE_REQUESTED_AT));
  }

  private String fingerprint(CognitoUser user, UserTarget target, SecretValue password) {
    return fingerprinter.fingerprint(
        new PasswordFingerprinter.Subject(
            user.getMetadata().getNamespace(),
            user.getMetadata().getName(),
            target.region().orElse(""),
            target.userPoolId(),
            target.username(),
            user.getSpec().isPermanentPassword(),
            password.reveal()));
  }

  /** What deleting a CognitoUser whose deletionPolicy is Delete did to its Cognito user. */
  sealed interface Deletion {
    /** Deleted, or already gone: the finalizer may go. */
    record Done(String message) implements Deletion {}

    /** Not this CognitoUser's to delete; the finalizer may go, and the user stays. */
    record Skipped(String message) implements Deletion {}

    /** The delete failed: the finalizer stays, the status says why, and it is tried again. */
    record Failed(SyncResult result) implements Deletion {}
  }

  /**
   * Deletes the Cognito user of a CognitoUser on its way out, if it may: the grants must still
   * allow its pool and it must own the user. Deferred or failing deletes are tried again.
   */
  Deletion delete(CognitoUser user) {
    String key = stateKey(user);
    TargetValidator.Result checked = targets.check(user);
    if (checked.refusal().isPresent()) {
      return new Deletion.Skipped(
          "the Cognito user was not deleted: " + checked.refusal().get().message());
    }
    UserTarget target = checked.target().orElseThrow();
    String canonical =
        Optional.ofNullable(user.getStatus())
            .map(CognitoUserStatus::getCanonicalUsername)
            .orElse(target.username());
    PassContext pass = new PassContext(user, key, target, new SecretValue(""), "", base(user, key));
    Optional<Refusal> notOwner = owners.check(pass, canonical);
    if (notOwner.isPresent()) {
      return new Deletion.Skipped("the Cognito user was not deleted: " + notOwner.get().message());
    }
    try {
      cognito.deleteUser(target, UserSync.callerOf(user));
      backoff.succeeded(key);
      return new Deletion.Done("Deleted " + target.describe() + " from Cognito");
    } catch (CognitoFailure f) {
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
              f.kind() == FailureKind.NEEDS_CHANGE ? FailureKind.OUTSIDE_CLUSTER : f.kind());
      return new Deletion.Failed(aggregator.refused(user, key, base(user, key), failed));
    }
  }

  /** Drops the state of one CognitoUser that is gone. */
  void forget(String key) {
    backoff.forget(key);
    reads.forget(key);
    observer.forget(key);
    written.forget(key);
    lastPass.forget(key);
  }

  /** Whom a CognitoUser's writes are for, in its namespace's share of the rate. */
  static Caller callerOf(CognitoUser user) {
    return new Caller(user.getMetadata().getNamespace(), user.getMetadata().getName());
  }

  static String stateKey(CognitoUser user) {
    String uid = user.getMetadata().getUid();
    return uid == null || uid.isBlank() ? name(user) : uid;
  }

  private static String name(CognitoUser user) {
    return user.getMetadata().getNamespace() + "/" + user.getMetadata().getName();
  }
}
