package dev.operator.cognito.sync;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.aws.CallNotDone;
import dev.operator.cognito.aws.SecretValue;
import dev.operator.cognito.aws.UserTarget;
import dev.operator.cognito.fingerprint.PasswordFingerprinter;
import dev.operator.cognito.sync.check.FederatedCheck;
import dev.operator.cognito.sync.check.TargetCheck;
import dev.operator.cognito.sync.claim.ClaimSeal;
import dev.operator.cognito.sync.credential.CredentialSource;
import dev.operator.cognito.sync.facet.EnsureUserStep;
import dev.operator.cognito.sync.facet.PasswordStep;
import dev.operator.cognito.sync.facet.UserStep;
import dev.operator.cognito.sync.pass.Facet;
import dev.operator.cognito.sync.pass.FailureReasons;
import dev.operator.cognito.sync.pass.PassContext;
import dev.operator.cognito.sync.pass.Refusal;
import dev.operator.cognito.sync.pass.StepOutcome;
import dev.operator.cognito.sync.pass.SyncResult;
import dev.operator.cognito.sync.pass.UserEvent;
import dev.operator.cognito.sync.status.StatusAggregator;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One pass over a CognitoUser, free of the operator framework, as a pipeline: validate what needs
 * no call, observe the user (at most one AdminGetUser, and none when nothing can have changed),
 * claim it, run the steps in order, and aggregate their outcomes into the status.
 */
public final class UserSync {

  /** A new value asks for a pass with a fresh read, as Flux's requestedAt does. */
  public static final String RECONCILE_REQUESTED_AT = Freshness.RECONCILE_REQUESTED_AT;

  private final PasswordFingerprinter fingerprinter;
  private final TargetCheck targets;
  private final UserObserver observer;
  private final ClaimSeal seal;
  private final ClaimCheck claims;
  private final FederatedCheck federated;
  private final EnsureUserStep ensure;
  private final List<UserStep> steps;
  private final StatusAggregator aggregator;
  private final StatusBase base;
  private final Freshness freshness;
  private final PasswordOnlyPass passwordOnly;
  private final UserDeletion deletion;
  private final UserMemory memory;
  private final CredentialSource credentials;
  private final Pause pause;
  private final Clock clock;

  UserSync(
      PasswordFingerprinter fingerprinter,
      TargetCheck targets,
      UserObserver observer,
      ClaimSeal seal,
      ClaimCheck claims,
      FederatedCheck federated,
      EnsureUserStep ensure,
      List<UserStep> steps,
      StatusAggregator aggregator,
      StatusBase base,
      Freshness freshness,
      PasswordOnlyPass passwordOnly,
      UserDeletion deletion,
      UserMemory memory,
      CredentialSource credentials,
      Pause pause,
      Clock clock) {
    this.fingerprinter = fingerprinter;
    this.targets = targets;
    this.observer = observer;
    this.seal = seal;
    this.claims = claims;
    this.federated = federated;
    this.ensure = ensure;
    this.steps = steps;
    this.aggregator = aggregator;
    this.base = base;
    this.freshness = freshness;
    this.passwordOnly = passwordOnly;
    this.deletion = deletion;
    this.memory = memory;
    this.credentials = credentials;
    this.pause = pause;
    this.clock = clock;
  }

  public SyncResult sync(CognitoUser user, Optional<Secret> secret) {
    if (Pause.isPaused(user)) {
      return pause.paused(user);
    }
    SyncResult result = syncFrom(user, stateKey(user), secret);
    if (result.status() != user.getStatus()) {
      // only a status this pass built is sealed: one it was handed keeps the seal it came with
      seal.seal(user, result.status());
    }
    return result;
  }

  private SyncResult syncFrom(CognitoUser user, String key, Optional<Secret> secret) {
    TargetCheck.Result checked = targets.check(user);
    if (checked.target().isEmpty()) {
      return aggregator.refused(
          user, key, base.unclaimed(user, key), checked.refusal().orElseThrow());
    }
    UserTarget target = checked.target().get();
    CognitoUserStatus built = base.claimed(user, key, target);
    if (checked.refusal().isPresent()) {
      return aggregator.refused(user, key, built, checked.refusal().get());
    }
    if (user.getSpec().isObserveOnly()) {
      return observeOnly(user, key, checked, built, secret);
    }
    CredentialSource.Prepared prepared =
        credentials.prepare(
            user, target, secret, built, held -> isInPlace(user, target, held, built));
    if (prepared.refusal().isPresent()) {
      return withCredential(
          aggregator.refused(user, key, built, prepared.refusal().get()), prepared);
    }
    return withCredential(passWith(user, key, checked, built, prepared.secret()), prepared);
  }

  private SyncResult passWith(
      CognitoUser user,
      String key,
      TargetCheck.Result checked,
      CognitoUserStatus built,
      Optional<Secret> secret) {
    UserTarget target = checked.target().orElseThrow();
    PasswordLookup lookup = lookup(user, secret);
    if (lookup instanceof PasswordLookup.Missing missing) {
      return aggregator.refused(user, key, built, missing.refusal());
    }
    SecretValue password = ((PasswordLookup.Found) lookup).password();
    String fingerprint = fingerprint(user, target, password);
    PassContext pass = new PassContext(user, key, target, password, fingerprint, built);
    Freshness.Why why = freshness.of(user, target, fingerprint, key);
    if (why == Freshness.Why.NOTHING_CHANGED) {
      return new SyncResult(
          withRotationOf(built, user.getStatus()),
          List.of(),
          freshness.idleRecheck(user, key),
          Optional.empty());
    }
    Freshness.requestedAt(user).ifPresent(pass.next()::setLastHandledReconcileAt);
    Optional<SyncResult> rotated = passwordOnly.tryWith(pass);
    if (rotated.isPresent()) {
      return rotated.get();
    }
    try {
      pass.observed(observer.observe(key, target));
    } catch (CallNotDone f) {
      if (why == Freshness.Why.REFRESH_DUE) {
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
    Optional<Refusal> refusal = ownership(pass, checked);
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
   * managementPolicy ObserveOnly: read the user, claim it (ownership holds in every mode), and list
   * what each step would change, writing nothing: no Secret, no Cognito call but reads, no record
   * of a write. A missing user is reported, never created.
   */
  private SyncResult observeOnly(
      CognitoUser user,
      String key,
      TargetCheck.Result checked,
      CognitoUserStatus built,
      Optional<Secret> secret) {
    UserTarget target = checked.target().orElseThrow();
    PasswordLookup lookup = lookup(user, secret);
    Optional<SecretValue> password =
        lookup instanceof PasswordLookup.Found found
            ? Optional.of(found.password())
            : Optional.empty();
    String fingerprint = password.map(p -> fingerprint(user, target, p)).orElse("");
    PassContext pass =
        new PassContext(
            user, key, target, password.orElse(new SecretValue("")), fingerprint, built);
    Freshness.requestedAt(user).ifPresent(pass.next()::setLastHandledReconcileAt);
    try {
      pass.observed(observer.observe(key, target));
    } catch (CallNotDone f) {
      return aggregator.aggregate(pass, List.of(FailureReasons.outcome(Facet.USER, target, f)));
    }
    if (pass.observed().isEmpty()) {
      return aggregator.aggregate(
          pass,
          List.of(
              StepOutcome.failed(
                  Facet.USER,
                  dev.operator.cognito.api.ReadyReason.UserNotFound,
                  target.describe()
                      + " does not exist, and managementPolicy ObserveOnly creates no user",
                  dev.operator.cognito.aws.FailureKind.OUTSIDE_CLUSTER)));
    }
    Optional<Refusal> refusal = ownership(pass, checked);
    if (refusal.isPresent()) {
      return aggregator.refusedWithoutUser(pass, refusal.get());
    }
    List<String> pending = new ArrayList<>();
    if (lookup instanceof PasswordLookup.Missing missing) {
      pending.add("password: none to set (" + missing.refusal().reason() + ")");
    }
    for (UserStep step : steps) {
      if (password.isEmpty() && step instanceof PasswordStep) {
        continue; // said above
      }
      try {
        step.plan(pass).ifPresent(pending::add);
      } catch (CallNotDone f) {
        return aggregator.aggregate(
            pass, List.of(FailureReasons.outcome(Facet.USER, pass.target(), f)));
      }
    }
    return aggregator.observed(pass, pending);
  }

  /**
   * The status handed in, unless the credential step changed what it says of rotation: then a copy
   * that says it (nothing else in a pass that changes nothing can differ).
   */
  private static CognitoUserStatus withRotationOf(
      CognitoUserStatus built, CognitoUserStatus handed) {
    if (Objects.equals(built.getNextRotationAt(), handed.getNextRotationAt())
        && Objects.equals(built.getLastHandledRotateAt(), handed.getLastHandledRotateAt())) {
      return handed;
    }
    CognitoUserStatus copy = handed.copy();
    copy.setNextRotationAt(built.getNextRotationAt());
    copy.setLastHandledRotateAt(built.getLastHandledRotateAt());
    return copy;
  }

  /** The pass's result with what the credential step did: its Events first, its rotation due. */
  private SyncResult withCredential(SyncResult result, CredentialSource.Prepared prepared) {
    List<UserEvent> events = new ArrayList<>(prepared.events());
    events.addAll(result.events());
    Optional<Duration> retry = result.retryAfter();
    if (prepared.nextRotation().isPresent()) {
      Duration untilDue = Duration.between(clock.instant(), prepared.nextRotation().get());
      Duration wait = untilDue.isNegative() ? Duration.ZERO : untilDue;
      if (retry.isEmpty() || wait.compareTo(retry.get()) < 0) {
        retry = Optional.of(wait);
      }
    }
    return new SyncResult(result.status(), events, retry, result.passwordWrite());
  }

  /** Whether the password a Secret holds is the one the status records as set. */
  private boolean isInPlace(
      CognitoUser user, UserTarget target, Secret held, CognitoUserStatus built) {
    if (built.getAppliedPassword() == null) {
      return false;
    }
    PasswordLookup lookup = lookup(user, Optional.of(held));
    return lookup instanceof PasswordLookup.Found found
        && fingerprint(user, target, found.password())
            .equals(built.getAppliedPassword().getFingerprint());
  }

  /** Whether this CognitoUser may act on the user it read: its claim, then federation. */
  private Optional<Refusal> ownership(PassContext pass, TargetCheck.Result checked) {
    Optional<Refusal> refusal = claims.claim(pass, checked.permissions());
    return refusal.isPresent() ? refusal : federated.check(pass, pass.existing());
  }

  private static PasswordLookup lookup(CognitoUser user, Optional<Secret> secret) {
    return PasswordLookup.in(
        user.getMetadata().getNamespace(), user.getSpec().getPasswordSecretRef(), secret);
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

  /**
   * Deletes the Cognito user of a CognitoUser on its way out, if it may (see {@link UserDeletion}).
   */
  public Deletion delete(CognitoUser user) {
    if (user.getSpec() != null && user.getSpec().isObserveOnly()) {
      return new Deletion.Skipped(
          "managementPolicy ObserveOnly: the Cognito user is never deleted; it stays as it is");
    }
    if (Pause.isPaused(user)) {
      // the finalizer holds the CognitoUser until the pause ends; then the user is deleted
      return new Deletion.Failed(pause.deletionWaits(user));
    }
    return deletion.delete(user);
  }

  /** Drops what this process keeps of one CognitoUser that is gone. */
  public void forget(String key) {
    memory.forget(key);
  }

  public static String stateKey(CognitoUser user) {
    String uid = user.getMetadata().getUid();
    return uid == null || uid.isBlank() ? name(user) : uid;
  }

  private static String name(CognitoUser user) {
    return user.getMetadata().getNamespace() + "/" + user.getMetadata().getName();
  }
}
