package dev.operator.cognito.sync.facet;

import dev.operator.cognito.api.MfaSetting;
import dev.operator.cognito.api.MfaSpec;
import dev.operator.cognito.aws.CallNotDone;
import dev.operator.cognito.aws.CognitoGateway;
import dev.operator.cognito.aws.MfaChoice;
import dev.operator.cognito.aws.MfaKind;
import dev.operator.cognito.aws.ObservedUser;
import dev.operator.cognito.sync.pass.Facet;
import dev.operator.cognito.sync.pass.FailureReasons;
import dev.operator.cognito.sync.pass.PassContext;
import dev.operator.cognito.sync.pass.StepOutcome;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Keeps the user's MFA preferences as spec.mfa says: one AdminSetUserMFAPreference naming only the
 * kinds whose setting differs from what Cognito holds (AdminGetUser's UserMFASettingList and
 * PreferredMfaSetting), and none when nothing does. A kind the spec leaves out is left alone. TOTP
 * can only be turned off: an administrator cannot enrol an authenticator.
 */
public final class MfaStep implements UserStep {

  private final CognitoGateway cognito;

  public MfaStep(CognitoGateway cognito) {
    this.cognito = cognito;
  }

  @Override
  public Optional<String> plan(PassContext pass) {
    MfaSpec spec = pass.spec().getMfa();
    if (spec == null) {
      return Optional.empty();
    }
    Map<MfaKind, MfaChoice> changes = changes(spec, pass.existing());
    return changes.isEmpty() ? Optional.empty() : Optional.of("mfa: " + describe(changes));
  }

  private static Map<MfaKind, MfaChoice> changes(MfaSpec spec, ObservedUser user) {
    Map<MfaKind, MfaChoice> changes = new EnumMap<>(MfaKind.class);
    desired(spec)
        .forEach(
            (kind, choice) -> {
              if (!user.mfa(kind).equals(choice)) {
                changes.put(kind, choice);
              }
            });
    return changes;
  }

  @Override
  public StepOutcome apply(PassContext pass) {
    MfaSpec spec = pass.spec().getMfa();
    if (spec == null) {
      return StepOutcome.unchanged(Facet.MFA);
    }
    ObservedUser user = pass.existing();
    Map<MfaKind, MfaChoice> changes = new EnumMap<>(MfaKind.class);
    desired(spec)
        .forEach(
            (kind, choice) -> {
              if (!user.mfa(kind).equals(choice)) {
                changes.put(kind, choice);
              }
            });
    if (changes.isEmpty()) {
      return StepOutcome.unchanged(Facet.MFA);
    }
    try {
      cognito.setMfaPreference(pass.target(), changes, pass.caller());
    } catch (CallNotDone f) {
      return FailureReasons.outcome(Facet.MFA, pass.target(), f);
    }
    pass.observed(Optional.of(after(user, changes)));
    return StepOutcome.changed(
        Facet.MFA,
        "MfaPreferenceSet",
        "MFA of " + pass.target().describe() + ": " + describe(changes));
  }

  /** What the spec asks for, by kind; the kinds it leaves out are absent. */
  static Map<MfaKind, MfaChoice> desired(MfaSpec spec) {
    Map<MfaKind, MfaChoice> desired = new EnumMap<>(MfaKind.class);
    choice(spec.getSms()).ifPresent(c -> desired.put(MfaKind.SMS, c));
    choice(spec.getEmail()).ifPresent(c -> desired.put(MfaKind.EMAIL, c));
    if (spec.getSoftwareToken() != null) {
      desired.put(MfaKind.SOFTWARE_TOKEN, new MfaChoice(false, false));
    }
    return desired;
  }

  private static Optional<MfaChoice> choice(MfaSetting setting) {
    if (setting == null) {
      return Optional.empty();
    }
    return Optional.of(
        switch (setting) {
          case Disabled -> new MfaChoice(false, false);
          case Enabled -> new MfaChoice(true, false);
          case Preferred -> new MfaChoice(true, true);
        });
  }

  /**
   * What Cognito holds once {@code changes} are written: at most one kind is preferred, so a kind
   * made preferred takes the preference from any other.
   */
  static ObservedUser after(ObservedUser user, Map<MfaKind, MfaChoice> changes) {
    Set<String> enabled = new TreeSet<>(user.mfaEnabled());
    Optional<String> preferred = user.preferredMfa();
    for (Map.Entry<MfaKind, MfaChoice> change : changes.entrySet()) {
      String name = change.getKey().cognitoName();
      if (change.getValue().enabled()) {
        enabled.add(name);
      } else {
        enabled.remove(name);
      }
      if (change.getValue().preferred()) {
        preferred = Optional.of(name);
      } else if (preferred.filter(name::equals).isPresent()) {
        preferred = Optional.empty();
      }
    }
    return user.withMfa(List.copyOf(enabled), preferred);
  }

  private static String describe(Map<MfaKind, MfaChoice> changes) {
    return changes.entrySet().stream()
        .map(e -> field(e.getKey()) + " " + setting(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String field(MfaKind kind) {
    return switch (kind) {
      case SMS -> "sms";
      case EMAIL -> "email";
      case SOFTWARE_TOKEN -> "softwareToken";
    };
  }

  private static String setting(MfaChoice choice) {
    if (!choice.enabled()) {
      return "Disabled";
    }
    return choice.preferred() ? "Preferred" : "Enabled";
  }
}
