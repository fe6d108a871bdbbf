package dev.operator.cognito.sync.credential;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.aws.CallNotDone;
import dev.operator.cognito.aws.CognitoFailure;
import dev.operator.cognito.aws.FailureKind;
import dev.operator.cognito.aws.PoolPolicies.PasswordPolicy;
import dev.operator.cognito.aws.SecretValue;
import dev.operator.cognito.aws.UserTarget;
import dev.operator.cognito.sync.facet.PoolSettings;
import dev.operator.cognito.sync.pass.FailureReasons;
import dev.operator.cognito.sync.pass.Refusal;
import dev.operator.cognito.sync.pass.UserEvent;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a pass's password comes from when the operator makes it: generated into a Secret that does
 * not exist yet (once), or rotated in a Secret the operator made, when due or asked for. Everything
 * after it reads the Secret as it reads one a person wrote; the Secret's write is the one step that
 * rotates, so a restart between it and the Cognito write finishes the rotation, never repeats it.
 */
public final class CredentialSource {

  private static final Logger log = LoggerFactory.getLogger(CredentialSource.class);

  /** How an install turns generated passwords on, for the refusal that says it is off. */
  public static final String HOW_TO_ENABLE =
      "the install has not enabled generated passwords: set generatedPasswords.enabled=true in"
          + " the Helm chart, add the Kustomize component deploy/components/generated-passwords,"
          + " or run the operator with GENERATED_PASSWORDS=enabled (each also grants create and"
          + " patch on Secrets)";

  /**
   * What the pass goes on with.
   *
   * @param secret the Secret to read the password from, as now written if the operator wrote it
   * @param refusal why the pass cannot go on, if it cannot
   * @param events what the operator did to the Secret, to record
   * @param nextRotation when the password is next due for rotation
   */
  public record Prepared(
      Optional<Secret> secret,
      Optional<Refusal> refusal,
      List<UserEvent> events,
      Optional<Instant> nextRotation) {

    static Prepared refused(Refusal refusal) {
      return new Prepared(Optional.empty(), Optional.of(refusal), List.of(), Optional.empty());
    }
  }

  private final boolean enabled;
  private final Optional<Map<String, String>> selectorLabels;
  private final PoolSettings pools;
  private final PasswordGenerator generator;
  private final SecretWriter writer;
  private final Clock clock;

  public CredentialSource(
      boolean enabled,
      Optional<Map<String, String>> selectorLabels,
      PoolSettings pools,
      PasswordGenerator generator,
      SecretWriter writer,
      Clock clock) {
    this.enabled = enabled;
    this.selectorLabels = selectorLabels;
    this.pools = pools;
    this.generator = generator;
    this.writer = writer;
    this.clock = clock;
  }

  /**
   * Generates or rotates the password if the spec asks for it and it is time, recording in {@code
   * next} when the next rotation is and which request was handled. {@code inPlace} says whether the
   * password a Secret holds is the one set in Cognito: only such a password is due for its
   * scheduled rotation.
   */
  public Prepared prepare(
      CognitoUser user,
      UserTarget target,
      Optional<Secret> secret,
      CognitoUserStatus next,
      Predicate<Secret> inPlace) {
    PasswordSecretRef ref = user.getSpec().getPasswordSecretRef();
    Optional<String> request = rotateRequest(user);
    if (ref.getGenerate() == null) {
      next.setNextRotationAt(null);
      List<UserEvent> events = new ArrayList<>();
      if (request.isPresent() && !request.get().equals(next.getLastHandledRotateAt())) {
        next.setLastHandledRotateAt(request.get());
        events.add(
            new UserEvent(
                UserEvent.Type.Warning,
                "RotationNotPossible",
                "The operator rotates only passwords it generated"
                    + " (spec.passwordSecretRef.generate); change the password in Secret "
                    + secretName(user)
                    + " to rotate it"));
      }
      return new Prepared(secret, Optional.empty(), events, Optional.empty());
    }
    if (!enabled) {
      return Prepared.refused(
          Refusal.needsChange(
              ReadyReason.GeneratedPasswordsDisabled,
              "spec.passwordSecretRef.generate is set, but " + HOW_TO_ENABLE));
    }
    if (selectorLabels.isEmpty()) {
      return Prepared.refused(
          Refusal.needsChange(
              ReadyReason.GeneratedPasswordsDisabled,
              "spec.passwordSecretRef.generate is set, but the operator's SECRET_LABEL_SELECTOR"
                  + " is not a list of key=value terms, so no Secret it generated would be seen;"
                  + " create the Secret yourself"));
    }
    if (secret.isEmpty()) {
      return generateInto(user, target, Optional.empty(), next);
    }
    if (!GeneratedSecrets.ownedBy(secret.get(), user)) {
      return Prepared.refused(
          Refusal.needsChange(
              ReadyReason.SecretNotOwned,
              "Secret "
                  + secretName(user)
                  + " exists and was not generated by the operator for this CognitoUser, so the"
                  + " operator does not write it and sets no password from it; remove"
                  + " spec.passwordSecretRef.generate to use the password it holds, or name a"
                  + " Secret that does not exist yet"));
    }
    Secret owned = secret.get();
    Map<String, String> data = owned.getData() == null ? Map.of() : owned.getData();
    if (!data.containsKey(ref.keyOrDefault())) {
      return generateInto(user, target, Optional.of(owned), next);
    }
    return rotateIfDue(user, target, owned, next, inPlace, request);
  }

  private Prepared rotateIfDue(
      CognitoUser user,
      UserTarget target,
      Secret owned,
      CognitoUserStatus next,
      Predicate<Secret> inPlace,
      Optional<String> request) {
    Optional<String> handled = GeneratedSecrets.handledRotateRequest(owned);
    Optional<Instant> due = due(user, GeneratedSecrets.generatedAt(owned).orElse(created(owned)));
    boolean asked = request.isPresent() && !request.equals(handled);
    boolean scheduled =
        due.isPresent() && !clock.instant().isBefore(due.get()) && inPlace.test(owned);
    next.setLastHandledRotateAt(handled.orElse(null));
    next.setNextRotationAt(due.map(Instant::toString).orElse(null));
    if (!asked && !scheduled) {
      return new Prepared(Optional.of(owned), Optional.empty(), List.of(), due);
    }
    Optional<Refusal> unmet = checkPolicy(user, target);
    if (unmet.isPresent()) {
      return Prepared.refused(unmet.get());
    }
    Instant now = clock.instant();
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(GeneratedSecrets.GENERATED_AT, now.toString());
    if (asked) {
      annotations.put(GeneratedSecrets.ROTATE_REQUESTED_AT, request.get());
    }
    SecretValue password =
        generator.generate(user.getSpec().getPasswordSecretRef().getGenerate().lengthOrDefault());
    Secret written;
    try {
      written =
          writer.update(
              owned, user.getSpec().getPasswordSecretRef().keyOrDefault(), password, annotations);
    } catch (SecretWriter.Failed e) {
      return Prepared.refused(writeFailed(user, e));
    }
    String why = asked ? "as requested at " + request.get() : "as scheduled";
    log.info(
        "{}: rotated the generated password in Secret {} ({})", name(user), secretName(user), why);
    request.filter(r -> asked).ifPresent(next::setLastHandledRotateAt);
    Optional<Instant> nextDue = due(user, now);
    next.setNextRotationAt(nextDue.map(Instant::toString).orElse(null));
    return new Prepared(
        Optional.of(written),
        Optional.empty(),
        List.of(
            new UserEvent(
                UserEvent.Type.Normal,
                "PasswordRotated",
                "Wrote a new generated password into Secret "
                    + secretName(user)
                    + " ("
                    + why
                    + ")")),
        nextDue);
  }

  private Prepared generateInto(
      CognitoUser user, UserTarget target, Optional<Secret> existing, CognitoUserStatus next) {
    Optional<Refusal> unmet = checkPolicy(user, target);
    if (unmet.isPresent()) {
      return Prepared.refused(unmet.get());
    }
    PasswordSecretRef ref = user.getSpec().getPasswordSecretRef();
    SecretValue password = generator.generate(ref.getGenerate().lengthOrDefault());
    Instant now = clock.instant();
    Secret written;
    try {
      written =
          existing.isPresent()
              ? writer.update(
                  existing.get(),
                  ref.keyOrDefault(),
                  password,
                  Map.of(GeneratedSecrets.GENERATED_AT, now.toString()))
              : writer.create(
                  GeneratedSecrets.create(
                      user,
                      ref.getName(),
                      ref.keyOrDefault(),
                      password,
                      now,
                      selectorLabels.get()));
    } catch (SecretWriter.Failed e) {
      return Prepared.refused(writeFailed(user, e));
    }
    // a record of a password set before means the Secret was there once, and someone removed it
    boolean again = next.getAppliedPassword() != null;
    String message =
        "Generated a password into "
            + (existing.isPresent() ? "key '" + ref.keyOrDefault() + "' of " : "")
            + "Secret "
            + secretName(user)
            + (again ? ", which had been deleted or emptied by hand" : "");
    log.info("{}: {}", name(user), message);
    Optional<Instant> due = due(user, now);
    next.setNextRotationAt(due.map(Instant::toString).orElse(null));
    return new Prepared(
        Optional.of(written),
        Optional.empty(),
        List.of(
            new UserEvent(
                again ? UserEvent.Type.Warning : UserEvent.Type.Normal,
                "PasswordGenerated",
                message)),
        due);
  }

  /** Why the pool takes no password of the requested length, read before anything is written. */
  private Optional<Refusal> checkPolicy(CognitoUser user, UserTarget target) {
    PasswordPolicy policy;
    try {
      policy = pools.passwordPolicy(target);
    } catch (CallNotDone f) {
      if (f instanceof CognitoFailure failure) {
        return Optional.of(
            new Refusal(
                FailureReasons.reasonOf(failure),
                "could not read the password policy of pool "
                    + target.userPoolId()
                    + " (DescribeUserPool): "
                    + failure.getMessage(),
                failure.kind()));
      }
      return Optional.of(
          new Refusal(ReadyReason.RateLimited, f.getMessage(), FailureKind.TRANSIENT));
    }
    int length = user.getSpec().getPasswordSecretRef().getGenerate().lengthOrDefault();
    return PasswordGenerator.unmet(length, policy, target.userPoolId())
        .map(message -> Refusal.needsChange(ReadyReason.PasswordPolicyUnmet, message));
  }

  private static Refusal writeFailed(CognitoUser user, SecretWriter.Failed e) {
    if (e.conflict()) {
      // someone wrote the Secret between the read and this write: start over from what is there
      return new Refusal(
          ReadyReason.SecretWriteFailed,
          "Secret "
              + secretName(user)
              + " was created or changed by someone else while the operator wrote it (or it"
              + " exists outside SECRET_LABEL_SELECTOR, where the operator cannot see it);"
              + " trying again",
          FailureKind.TRANSIENT);
    }
    return new Refusal(
        ReadyReason.SecretWriteFailed,
        "could not write Secret " + secretName(user) + ": " + e.getMessage(),
        FailureKind.TRANSIENT);
  }

  private static Optional<Instant> due(CognitoUser user, Instant generatedAt) {
    var rotation = user.getSpec().getPasswordSecretRef().getRotation();
    if (rotation == null) {
      return Optional.empty();
    }
    Optional<Duration> every = RotationSchedule.parse(rotation.getEvery());
    String uid = user.getMetadata().getUid() == null ? name(user) : user.getMetadata().getUid();
    return every.map(d -> RotationSchedule.due(generatedAt, d, uid));
  }

  private static Instant created(Secret secret) {
    String at = secret.getMetadata().getCreationTimestamp();
    try {
      return at == null ? Instant.EPOCH : Instant.parse(at);
    } catch (java.time.format.DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  private static Optional<String> rotateRequest(CognitoUser user) {
    var annotations = user.getMetadata().getAnnotations();
    return Optional.ofNullable(
            annotations == null ? null : annotations.get(GeneratedSecrets.ROTATE_REQUESTED_AT))
        .filter(v -> !v.isBlank());
  }

  private static String secretName(CognitoUser user) {
    return user.getMetadata().getNamespace()
        + "/"
        + user.getSpec().getPasswordSecretRef().getName();
  }

  private static String name(CognitoUser user) {
    return user.getMetadata().getNamespace() + "/" + user.getMetadata().getName();
  }
}
