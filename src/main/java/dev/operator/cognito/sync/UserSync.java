package dev.operator.cognito.sync;

import dev.operator.cognito.api.AppliedPassword;
import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.api.UserClaim;
import dev.operator.cognito.aws.CognitoFailure;
import dev.operator.cognito.aws.CognitoGateway;
import dev.operator.cognito.aws.FailureKind;
import dev.operator.cognito.aws.ObservedUser;
import dev.operator.cognito.aws.SecretValue;
import dev.operator.cognito.aws.UserTarget;
import dev.operator.cognito.fingerprint.PasswordFingerprinter;
import dev.operator.cognito.sync.check.FederatedValidator;
import dev.operator.cognito.sync.check.TargetValidator;
import dev.operator.cognito.sync.claim.ClaimRegistry;
import dev.operator.cognito.sync.claim.ClaimSeal;
import dev.operator.cognito.sync.claim.Ownership;
import dev.operator.cognito.sync.facet.AttributesStep;
import dev.operator.cognito.sync.facet.EnabledStep;
import dev.operator.cognito.sync.facet.EnsureUserStep;
import dev.operator.cognito.sync.facet.GroupsStep;
import dev.operator.cognito.sync.facet.PasswordStep;
import dev.operator.cognito.sync.facet.PoolSettings;
import dev.operator.cognito.sync.facet.TemporaryPasswordStep;
import dev.operator.cognito.sync.facet.UserStep;
import dev.operator.cognito.sync.memory.LastPassStatus;
import dev.operator.cognito.sync.memory.RetryBackoff;
import dev.operator.cognito.sync.memory.UserStatusReads;
import dev.operator.cognito.sync.memory.WrittenPasswords;
import dev.operator.cognito.sync.pass.Facet;
import dev.operator.cognito.sync.pass.FailureReasons;
import dev.operator.cognito.sync.pass.PassContext;
import dev.operator.cognito.sync.pass.Refusal;
import dev.operator.cognito.sync.pass.StepOutcome;
import dev.operator.cognito.sync.pass.SyncResult;
import dev.operator.cognito.sync.status.StatusAggregator;
import dev.operator.cognito.sync.status.StatusConditions;
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
public final class UserSync {

  /** A new value asks for a pass with a fresh read, as Flux's requestedAt does. */
  static final String RECONCILE_REQUESTED_AT = "cognito.operator.dev/reconcile-requested-at";

  private final PasswordFingerprinter fingerprinter;
  private final TargetValidator targets;
  private final UserObserver observer;
  private final ClaimRegistry claims;
  private final ClaimSeal seal;
  private final FederatedValidator federated = new FederatedValidator();
  private final EnsureUserStep ensure;
  private final List<UserStep> steps;
  private final StatusAggregator aggregator;
  private final UserStatusReads reads;
  private final RetryBackoff backoff;
  private final CognitoGateway cognito;
  private final Clock clock;
  private final WrittenPasswords written = new WrittenPasswords();
  private final LastPassStatus lastPass;
  private final PasswordStep password;

  public UserSync(
      CognitoGateway cognito,
      PasswordFingerprinter fingerprinter,
      TargetValidator targets,
      ClaimRegistry claims,
      StatusConditions conditions,
      UserStatusReads reads,
      RetryBackoff backoff,
      Duration recheckInterval,
      Clock clock) {
    this.cognito = cognito;
    this.fingerprinter = fingerprinter;
    this.targets = targets;
    this.observer = new UserObserver(cognito, reads, clock);
    this.claims = claims;
    this.seal = new ClaimSeal(fingerprinter);
    this.ensure = new EnsureUserStep(cognito);
    PasswordStep password = new PasswordStep(cognito, fingerprinter, conditions, written);
    this.password = password;
    this.steps =
        List.of(
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

  public SyncResult sync(CognitoUser handed, Optional<Secret> secret) {
    String key = stateKey(handed);
    CognitoUser current = lastPass.current(key, handed);
    SyncResult result = syncFrom(current, key, secret);
    if (result.status() != current.getStatus()) {
      // only a status this pass built is sealed: one it was handed keeps the seal it came with
      seal.seal(handed, result.status());
    }
    if (result.status().equals(handed.getStatus())) {
      lastPass.forget(key); // no patch follows: what the pass was handed is current
    } else {
      lastPass.record(key, handed, result.status());
    }
    return result;
  }

  private SyncResult syncFrom(CognitoUser user, String key, Optional<Secret> secret) {
    TargetValidator.Result checked = targets.check(user);
    if (checked.target().isEmpty()) {
      return aggregator.refused(user, key, unclaimed(user, key), checked.refusal().orElseThrow());
    }
    UserTarget target = checked.target().get();
    CognitoUserStatus base = base(user, key, target);
    if (checked.refusal().isPresent()) {
      return aggregator.refused(user, key, base, checked.refusal().get());
    }
    PasswordLookup lookup =
        PasswordLookup.in(
            user.getMetadata().getNamespace(), user.getSpec().getPasswordSecretRef(), secret);
    if (lookup instanceof PasswordLookup.Missing missing) {
      return aggregator.refused(
          user, key, base, Refusal.needsChange(missing.reason(), missing.message()));
    }
    SecretValue password = ((PasswordLookup.Found) lookup).password();
    String fingerprint = fingerprint(user, target, password);
    PassContext pass = new PassContext(user, key, target, password, fingerprint, base);
    Freshness freshness = freshness(user, target, fingerprint, key);
    if (freshness == Freshness.NOTHING_CHANGED) {
      return new SyncResult(user.getStatus(), List.of(), idleRecheck(user, key), Optional.empty());
    }
    requestedAt(user).ifPresent(pass.next()::setLastHandledReconcileAt);
    Optional<SyncResult> passwordOnly = passwordOnly(pass);
    if (passwordOnly.isPresent()) {
      return passwordOnly.get();
    }
    try {
      pass.observed(observer.observe(key, target));
    } catch (CognitoFailure f) {
      if (freshness == Freshness.REFRESH_DUE) {
        return aggregator.refreshFailed(pass, f.getMessage());
      }
      return aggregator.aggregate(pass, List.of(FailureReasons.outcome(Facet.USER, target, f)));
    }
    List<StepOutcome> outcomes = new ArrayList<>();
    if (pass.observed().isEmpty()) {
      // a user that does not exist is nobody's: creating it makes it this CognitoUser's
      StepOutcome ensured = ensure.apply(pass);
      outcomes.add(ensured);
      if (pass.observed().isEmpty()) {
        return aggregator.aggregate(pass, outcomes);
      }
    }
    Optional<Refusal> refusal = claim(pass, checked);
    if (refusal.isEmpty()) {
      refusal = federated.check(pass, pass.existing());
    }
    if (refusal.isPresent()) {
      return aggregator.refusedWithoutUser(pass, refusal.get());
    }
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
   * Claims the user this pass read, by its sub: ownership goes to the earliest live claim on it. On
   * success every later call of the pass names the user by its canonical username; otherwise the
   * refusal, and the status keeps only this CognitoUser's place in line.
   */
  private Optional<Refusal> claim(PassContext pass, TargetValidator.Result checked) {
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
    if (mine.isEmpty() && !pass.created() && !checked.permissions().allowAdoption()) {
      next.setClaim(null);
      return Optional.of(
          Refusal.needsChange(
              ReadyReason.ForbiddenByGrant,
              target.describe()
                  + " already exists in Cognito and no CognitoUser claims it, and the"
                  + " UserPoolGrants that give this namespace the pool ("
                  + checked.permissions().grants()
                  + ") set allowAdoption: false: only users the operator creates may be managed"));
    }
    next.setClaim(decision.claim());
    next.setCanonicalUsername(user.username());
    pass.resolve(user.username());
    return Optional.empty();
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
  private Optional<SyncResult> passwordOnly(PassContext pass) {
    CognitoUser user = pass.user();
    if (!settled(user) || !user.getSpec().isPermanentPassword() || reads.isDue(pass.key())) {
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
    pass.observed(
        Optional.of(
            new ObservedUser(
                previous.getUserStatus(),
                claim.getCanonicalUsername(),
                attributes,
                previous.getEnabled(),
                instant(previous.getUserCreateDate()),
                instant(previous.getUserLastModifiedDate()))));
    pass.resolve(claim.getCanonicalUsername());
    StepOutcome outcome = password.apply(pass);
    if (outcome.deferred()) {
      outcome
          .retryAfter()
          .ifPresent(wait -> observer.park(pass.key(), pass.specTarget(), Optional.empty(), wait));
    }
    return Optional.of(aggregator.aggregate(pass, List.of(outcome)));
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
   * it. A claim counts only if the operator sealed it for this CognitoUser and for the target the
   * spec names now; without one, the status shows nothing of any user and manages nothing.
   */
  private CognitoUserStatus base(CognitoUser user, String key, UserTarget target) {
    CognitoUserStatus base = withOwnRecord(user, key);
    if (base.getClaim() == null
        || !ClaimSeal.isFor(base.getClaim(), target)
        || !seal.verifies(user, base)) {
      dropClaim(base);
    }
    return base;
  }

  /** As {@link #base}, for a pass that has no target: it holds no claim. */
  private CognitoUserStatus unclaimed(CognitoUser user, String key) {
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
    StatusAggregator.hideUser(status);
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

  private Freshness freshness(CognitoUser user, UserTarget target, String fingerprint, String key) {
    if (!settled(user)
        || !fingerprint.equals(user.getStatus().getAppliedPassword().getFingerprint())
        || user.getStatus().getClaim() == null
        || !ClaimSeal.isFor(user.getStatus().getClaim(), target)
        || !seal.verifies(user, user.getStatus())) {
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
  public sealed interface Deletion {
    /** Deleted, or already gone: the finalizer may go. */
    record Done(String message) implements Deletion {}

    /** Not this CognitoUser's to delete; the finalizer may go, and the user stays. */
    record Skipped(String message) implements Deletion {}

    /** The delete failed: the finalizer stays, the status says why, and it is tried again. */
    record Failed(SyncResult result) implements Deletion {}
  }

  /**
   * Deletes the Cognito user of a CognitoUser on its way out, if it may: the grants must still give
   * its namespace the pool and allow deletion, and the user the spec names must be the one this
   * CognitoUser claimed and owns, read now. The delete names the user by its canonical username.
   * Deferred or failing calls are tried again.
   */
  public Deletion delete(CognitoUser user) {
    String key = stateKey(user);
    TargetValidator.Result checked = targets.check(user);
    if (checked.refusal().isPresent()) {
      return new Deletion.Skipped(KEPT + checked.refusal().get().message());
    }
    UserTarget target = checked.target().orElseThrow();
    UserClaim claim = base(user, key, target).getClaim();
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
    } catch (CognitoFailure f) {
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
    } catch (CognitoFailure f) {
      return failedDeletion(user, key, target, f);
    }
  }

  private static final String KEPT = "the Cognito user was not deleted: ";

  private Deletion failedDeletion(
      CognitoUser user, String key, UserTarget target, CognitoFailure f) {
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
    return new Deletion.Failed(aggregator.refused(user, key, base(user, key, target), failed));
  }

  /** Drops the state of one CognitoUser that is gone. */
  public void forget(String key) {
    backoff.forget(key);
    reads.forget(key);
    observer.forget(key);
    written.forget(key);
    lastPass.forget(key);
  }

  public static String stateKey(CognitoUser user) {
    String uid = user.getMetadata().getUid();
    return uid == null || uid.isBlank() ? name(user) : uid;
  }

  private static String name(CognitoUser user) {
    return user.getMetadata().getNamespace() + "/" + user.getMetadata().getName();
  }
}
