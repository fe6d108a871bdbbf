package dev.operator.cognito.reconciler;

import dev.operator.cognito.api.AppliedPassword;
import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.Condition;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.cognito.CognitoFailure;
import dev.operator.cognito.cognito.CognitoGateway;
import dev.operator.cognito.cognito.DeferredCall;
import dev.operator.cognito.cognito.FailureKind;
import dev.operator.cognito.cognito.ObservedUser;
import dev.operator.cognito.cognito.RegionPolicy;
import dev.operator.cognito.cognito.SecretValue;
import dev.operator.cognito.cognito.UserTarget;
import dev.operator.cognito.fingerprint.PasswordFingerprinter;
import dev.operator.cognito.grants.PoolAccess;
import dev.operator.cognito.reconciler.StatusConditions.Progress;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciliation of a CognitoUser, free of the operator framework: read the password, write it
 * to Cognito only when it (or the user it targets, or permanence) changed since the last successful
 * write, read the user's status when due, and describe the outcome.
 */
final class PasswordSync {

  private static final Logger log = LoggerFactory.getLogger(PasswordSync.class);

  private final CognitoGateway cognito;
  private final PasswordFingerprinter fingerprinter;
  private final StatusConditions conditions;
  private final UserStatusReads statusReads;
  private final RetryBackoff backoff;
  private final Duration recheckInterval;
  private final RegionPolicy regions;
  private final PoolAccessCheck poolAccess;
  private final OwnerCheck owners;

  PasswordSync(
      CognitoGateway cognito,
      PasswordFingerprinter fingerprinter,
      StatusConditions conditions,
      UserStatusReads statusReads,
      RetryBackoff backoff,
      Duration recheckInterval,
      RegionPolicy regions,
      PoolAccessCheck poolAccess,
      OwnerCheck owners) {
    this.cognito = cognito;
    this.fingerprinter = fingerprinter;
    this.conditions = conditions;
    this.statusReads = statusReads;
    this.backoff = backoff;
    this.recheckInterval = recheckInterval;
    this.regions = regions;
    this.poolAccess = poolAccess;
    this.owners = owners;
  }

  SyncResult sync(CognitoUser user, Optional<Secret> secret) {
    // per-resource state is keyed by uid: a CognitoUser deleted and created again inherits none
    String key = stateKey(user);
    CognitoUserSpec spec = user.getSpec();
    CognitoUserStatus previous = user.getStatus();
    Optional<String> specProblem = SpecCheck.problemWith(spec);
    if (specProblem.isPresent()) {
      // only an API server without the CRD's schema lets such an object through
      return failed(
          user,
          ReadyReason.InvalidSpec,
          specProblem.get(),
          FailureKind.NEEDS_CHANGE,
          key,
          Optional.empty());
    }
    Optional<RegionPolicy.Refusal> refused =
        regions.refusal(spec.getRegion(), spec.getUserPoolId());
    if (refused.isPresent()) {
      // decided before any call: the region picks the host that would receive the password
      return failed(
          user,
          refused.get().reason(),
          refused.get().message(),
          FailureKind.NEEDS_CHANGE,
          key,
          Optional.empty());
    }
    PoolAccess access = poolAccess.accessFor(user);
    if (access instanceof PoolAccess.Refused refusedPool) {
      // the administrators' grants decide, before any call of any kind
      return failed(
          user,
          refusedPool.reason(),
          refusedPool.message(),
          FailureKind.NEEDS_CHANGE,
          key,
          Optional.empty());
    }
    UserTarget target =
        UserTarget.of(spec.getRegion(), spec.getUserPoolId(), spec.getUsername())
            .as(
                ((PoolAccess.Allowed) access)
                    .roleArn()
                    .map(
                        arn ->
                            UserTarget.AssumedRole.forNamespace(
                                arn, user.getMetadata().getNamespace())));

    PasswordLookup lookup =
        PasswordLookup.in(user.getMetadata().getNamespace(), spec.getPasswordSecretRef(), secret);
    if (lookup instanceof PasswordLookup.Missing missing) {
      backoff.succeeded(key);
      return failed(
          user,
          missing.reason(),
          missing.message(),
          FailureKind.NEEDS_CHANGE,
          key,
          Optional.empty());
    }
    SecretValue password = ((PasswordLookup.Found) lookup).password();
    boolean permanent = spec.isPermanentPassword();
    String fingerprint =
        fingerprinter.fingerprint(
            new PasswordFingerprinter.Subject(
                user.getMetadata().getNamespace(),
                user.getMetadata().getName(),
                target.region().orElse(""),
                target.userPoolId(),
                target.username(),
                permanent,
                password.reveal()));

    AppliedPassword applied = previous == null ? null : previous.getAppliedPassword();
    if (applied != null && fingerprint.equals(applied.getFingerprint())) {
      return succeeded(
          user, key, target, permanent, applied, List.of(), Optional.empty(), Optional.empty());
    }
    if (applied != null && fingerprinter.madeWithOtherKey(applied.getFingerprint())) {
      log.warn(
          "{}: the recorded fingerprint was made with another key, so the password is set again",
          name(user));
    }
    // observe before writing: what Cognito holds of the user decides whether to write at all
    ObservedUser observed;
    try {
      observed = cognito.readUser(target);
      statusReads.markRead(key);
    } catch (CognitoFailure f) {
      return failed(user, f.reason(), f.getMessage(), f.kind(), key, Optional.empty());
    }
    Optional<CognitoUser> owner =
        owners.olderClaimant(user, target.userPoolId(), observed.username());
    if (owner.isPresent()) {
      return claimed(
          failed(
              user,
              ReadyReason.Conflict,
              target.describe() + " is already managed by " + describeOwner(user, owner.get()),
              FailureKind.OUTSIDE_CLUSTER,
              key,
              Optional.empty(),
              Optional.of(observed.status())),
          observed.username());
    }
    if (observed.isFederated() && !spec.allowsFederatedUser()) {
      return claimed(
          failed(
              user,
              ReadyReason.FederatedUser,
              target.describe()
                  + " signs in through an external identity provider (EXTERNAL_PROVIDER): a"
                  + " password would turn it into a native user; set spec.allowFederatedUser to do"
                  + " it anyway",
              FailureKind.NEEDS_CHANGE,
              key,
              Optional.empty(),
              Optional.of(observed.status())),
          observed.username());
    }
    try {
      cognito.setPassword(target, password, permanent, user.getMetadata().getNamespace());
    } catch (DeferredCall deferred) {
      return deferred(user, key, deferred);
    } catch (CognitoFailure f) {
      return claimed(
          failed(user, f.reason(), f.getMessage(), f.kind(), key, Optional.of(f.reason().name())),
          observed.username());
    }
    String kind = permanent ? "permanent" : "temporary";
    log.info("{}: set a {} password for {}", name(user), kind, target.describe());
    return claimed(
        succeeded(
            user,
            key,
            target,
            permanent,
            new AppliedPassword(fingerprint, permanent, conditions.now()),
            List.of(
                new UserEvent(
                    UserEvent.Type.Normal,
                    successReason(permanent).name(),
                    "Set a " + kind + " password for " + target.describe())),
            Optional.of(SyncResult.WRITE_SUCCEEDED),
            // the status Cognito documents for the write; the next periodic read confirms it
            Optional.of(permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD")),
        observed.username());
  }

  /**
   * Records the claim this CognitoUser makes on the Cognito user it read. Refused ones claim too,
   * so that they queue by age: when the owner goes, only the next oldest takes over.
   */
  private static SyncResult claimed(SyncResult result, String canonicalUsername) {
    result.status().setCanonicalUsername(canonicalUsername);
    return result;
  }

  /**
   * The write waits for its turn in the shared rate: the status stays as it is (a new user shows
   * RateLimited and Reconciling), no Event, and the pass comes back when its turn is near.
   */
  private SyncResult deferred(CognitoUser user, String key, DeferredCall deferred) {
    CognitoUserStatus status =
        user.getStatus() != null
            ? user.getStatus()
            : newStatus(
                user, deferred.reason(), deferred.getMessage(), Progress.RETRYING, null, null);
    return new SyncResult(status, List.of(), Optional.of(deferred.retryAfter()), Optional.empty());
  }

  /** Names the owner only to its own namespace: a tenant learns nothing of another's. */
  private static String describeOwner(CognitoUser self, CognitoUser owner) {
    return Objects.equals(self.getMetadata().getNamespace(), owner.getMetadata().getNamespace())
        ? "CognitoUser " + owner.getMetadata().getName() + " in this namespace, created earlier"
        : "an older CognitoUser in another namespace";
  }

  /** The password is in place: read the user's status if due, and report Ready. */
  private SyncResult succeeded(
      CognitoUser user,
      String key,
      UserTarget target,
      boolean permanent,
      AppliedPassword applied,
      List<UserEvent> events,
      Optional<String> passwordWrite,
      Optional<String> statusAfterWrite) {
    CognitoUserStatus previous = user.getStatus();
    String userStatus = statusAfterWrite.orElse(previous == null ? null : previous.getUserStatus());
    CognitoFailure readFailure = null;
    if (statusAfterWrite.isEmpty() && statusReads.isDue(key)) {
      try {
        userStatus = cognito.readUser(target).status();
        statusReads.markRead(key);
      } catch (CognitoFailure f) {
        readFailure = f;
        log.warn("{}: could not read the user's status: {}", name(user), f.getMessage());
      }
    }
    String message =
        "Cognito accepted the "
            + (permanent ? "permanent" : "temporary")
            + " password for "
            + target.describe()
            + (userStatus == null ? "" : "; user status " + userStatus)
            + (readFailure == null
                ? ""
                : "; reading the user's status failed: " + readFailure.getMessage());
    CognitoUserStatus status =
        newStatus(
            user,
            successReason(permanent),
            message,
            readFailure == null ? Progress.SETTLED : Progress.RETRYING,
            userStatus,
            applied);
    Optional<Duration> retryAfter;
    if (readFailure == null) {
      backoff.succeeded(key);
      retryAfter = statusReads.untilDue(key);
    } else {
      retryAfter = Optional.of(retryDelay(readFailure.kind(), key));
    }
    return new SyncResult(status, events, retryAfter, passwordWrite);
  }

  private SyncResult failed(
      CognitoUser user,
      ReadyReason reason,
      String message,
      FailureKind kind,
      String key,
      Optional<String> passwordWrite) {
    return failed(user, reason, message, kind, key, passwordWrite, Optional.empty());
  }

  private SyncResult failed(
      CognitoUser user,
      ReadyReason reason,
      String message,
      FailureKind kind,
      String key,
      Optional<String> passwordWrite,
      Optional<String> observedStatus) {
    CognitoUserStatus previous = user.getStatus();
    String userStatus = observedStatus.orElse(previous == null ? null : previous.getUserStatus());
    if (reason == ReadyReason.UserNotFound || reason == ReadyReason.UserPoolNotFound) {
      userStatus = null; // there is no such user to report on
    }
    AppliedPassword applied = previous == null ? null : previous.getAppliedPassword();
    Progress progress = kind == FailureKind.TRANSIENT ? Progress.RETRYING : Progress.STALLED;
    CognitoUserStatus status = newStatus(user, reason, message, progress, userStatus, applied);
    List<UserEvent> events = new ArrayList<>();
    if (!sameReady(previous, reason, message)) {
      events.add(new UserEvent(UserEvent.Type.Warning, reason.name(), message));
    }
    Optional<Duration> retryAfter =
        kind == FailureKind.NEEDS_CHANGE ? Optional.empty() : Optional.of(retryDelay(kind, key));
    log.info("{}: {}: {}", name(user), reason, message);
    return new SyncResult(status, events, retryAfter, passwordWrite);
  }

  /** Drops the state of every CognitoUser whose key (uid) is not among {@code live}. */
  void retainOnly(java.util.Set<String> live) {
    backoff.retainOnly(live);
    statusReads.retainOnly(live);
  }

  static String stateKey(CognitoUser user) {
    String uid = user.getMetadata().getUid();
    return uid == null || uid.isBlank() ? name(user) : uid;
  }

  private static String name(CognitoUser user) {
    return user.getMetadata().getNamespace() + "/" + user.getMetadata().getName();
  }

  private Duration retryDelay(FailureKind kind, String key) {
    return kind == FailureKind.TRANSIENT ? backoff.nextDelay(key) : recheckInterval;
  }

  private CognitoUserStatus newStatus(
      CognitoUser user,
      ReadyReason reason,
      String message,
      Progress progress,
      String userStatus,
      AppliedPassword applied) {
    Long generation = user.getMetadata().getGeneration();
    CognitoUserStatus status = new CognitoUserStatus();
    status.setUserStatus(userStatus);
    status.setAppliedPassword(applied);
    status.setCanonicalUsername(
        user.getStatus() == null ? null : user.getStatus().getCanonicalUsername());
    status.setObservedGeneration(generation);
    status.setConditions(conditions.build(user.getStatus(), reason, message, progress, generation));
    return status;
  }

  private static boolean sameReady(CognitoUserStatus previous, ReadyReason reason, String msg) {
    if (previous == null) {
      return false;
    }
    Optional<Condition> ready = previous.condition(StatusConditions.READY);
    return ready.isPresent()
        && reason.name().equals(ready.get().getReason())
        && Objects.equals(msg, ready.get().getMessage());
  }

  private static ReadyReason successReason(boolean permanent) {
    return permanent ? ReadyReason.PasswordSet : ReadyReason.TemporaryPasswordSet;
  }
}
