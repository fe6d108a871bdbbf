package dev.operator.cognito.sync.check;

import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.sync.credential.RotationSchedule;
import dev.operator.cognito.sync.pass.Refusal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The required fields, checked again in case the CRD's schema was not applied, and what the schema
 * cannot say: which attribute names Cognito lets anyone set.
 */
public final class SpecCheck {

  private SpecCheck() {}

  /** The first problem with the spec, as a refusal that only a change of the spec can lift. */
  static Optional<Refusal> check(CognitoUserSpec spec) {
    return problemWith(spec).map(problem -> Refusal.needsChange(ReadyReason.InvalidSpec, problem));
  }

  private static Optional<String> problemWith(CognitoUserSpec spec) {
    if (spec == null) {
      return Optional.of("spec is missing");
    }
    if (spec.unreadable().isPresent()) {
      return Optional.of(
          "this version of the operator cannot read the spec ("
              + spec.unreadable().get()
              + "); it makes no call for this CognitoUser");
    }
    List<String> missing = new ArrayList<>();
    if (isBlank(spec.getUserPoolId())) {
      missing.add("spec.userPoolId");
    }
    if (isBlank(spec.getUsername())) {
      missing.add("spec.username");
    }
    if (spec.getPasswordSecretRef() == null || isBlank(spec.getPasswordSecretRef().getName())) {
      missing.add("spec.passwordSecretRef.name");
    }
    if (!missing.isEmpty()) {
      return Optional.of("Required field(s) missing: " + String.join(", ", missing));
    }
    for (String name : spec.attributesOrEmpty().keySet()) {
      if (COGNITO_OWNED.contains(name) || name.startsWith("cognito:")) {
        return Optional.of(
            "spec.attributes."
                + name
                + " is kept by Cognito itself and cannot be set; remove it from the spec");
      }
      if (!STANDARD.contains(name) && !name.matches("custom:[\\w.-]{1,20}")) {
        return Optional.of(
            "spec.attributes."
                + name
                + " is neither a standard attribute (such as email or given_name) nor a custom"
                + " one (custom:name)");
      }
    }
    Optional<String> credential = credentialProblem(spec.getPasswordSecretRef());
    if (credential.isPresent()) {
      return credential;
    }
    for (String group : spec.groupsOrEmpty()) {
      if (isBlank(group)) {
        return Optional.of("spec.groups holds an empty group name");
      }
    }
    return Optional.empty();
  }

  /** What the schema says of generate and rotation, for a CRD applied without it. */
  private static Optional<String> credentialProblem(PasswordSecretRef ref) {
    if (ref.getGenerate() != null) {
      int length = ref.getGenerate().lengthOrDefault();
      if (length < 8 || length > 256) {
        return Optional.of(
            "spec.passwordSecretRef.generate.length is " + length + "; it must be 8 to 256");
      }
    }
    if (ref.getRotation() == null) {
      return Optional.empty();
    }
    if (ref.getGenerate() == null) {
      return Optional.of(
          "spec.passwordSecretRef.rotation needs spec.passwordSecretRef.generate: the operator"
              + " rotates only passwords it generated");
    }
    String every = ref.getRotation().getEvery();
    Optional<Duration> interval = RotationSchedule.parse(every);
    if (interval.isEmpty()) {
      return Optional.of(
          "spec.passwordSecretRef.rotation.every is '"
              + every
              + "', which is not a duration such as 720h, 90m or 1h30m");
    }
    if (interval.get().compareTo(RotationSchedule.MINIMUM) < 0) {
      return Optional.of(
          "spec.passwordSecretRef.rotation.every is "
              + every
              + "; it must be at least 1h, as Cognito's write quota is shared with the"
              + " application");
    }
    return Optional.empty();
  }

  /** Attributes Cognito sets and no one else may: sub is the user's immutable identifier. */
  private static final Set<String> COGNITO_OWNED = Set.of("sub", "identities");

  /** The OpenID Connect standard attributes Cognito supports. */
  private static final Set<String> STANDARD =
      Set.of(
          "address",
          "birthdate",
          "email",
          "email_verified",
          "family_name",
          "gender",
          "given_name",
          "locale",
          "middle_name",
          "name",
          "nickname",
          "phone_number",
          "phone_number_verified",
          "picture",
          "preferred_username",
          "profile",
          "updated_at",
          "website",
          "zoneinfo");

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
