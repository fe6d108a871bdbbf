package dev.operator.cognito.aws;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Cognito holds of a user (AdminGetUser).
 *
 * @param status Cognito's UserStatus: CONFIRMED, FORCE_CHANGE_PASSWORD, EXTERNAL_PROVIDER, ...
 * @param username the user's canonical username, whatever alias the request used
 * @param attributes every attribute Cognito returned, {@code sub} included
 * @param enabled whether the user may sign in
 * @param created when the user was created, if Cognito said
 * @param lastModified when the user was last changed, if Cognito said
 * @param mfaEnabled the kinds of MFA that are on (UserMFASettingList), as Cognito names them
 * @param preferredMfa the kind the user is asked for when several are on (PreferredMfaSetting)
 */
public record ObservedUser(
    String status,
    String username,
    Map<String, String> attributes,
    boolean enabled,
    Optional<Instant> created,
    Optional<Instant> lastModified,
    List<String> mfaEnabled,
    Optional<String> preferredMfa) {

  public static final String FEDERATED = "EXTERNAL_PROVIDER";
  public static final String FORCE_CHANGE_PASSWORD = "FORCE_CHANGE_PASSWORD";

  public ObservedUser {
    attributes = Map.copyOf(attributes);
    mfaEnabled = List.copyOf(mfaEnabled);
  }

  /** A user with no MFA on and none preferred. */
  public ObservedUser(
      String status,
      String username,
      Map<String, String> attributes,
      boolean enabled,
      Optional<Instant> created,
      Optional<Instant> lastModified) {
    this(status, username, attributes, enabled, created, lastModified, List.of(), Optional.empty());
  }

  public boolean isFederated() {
    return FEDERATED.equals(status);
  }

  public Optional<String> sub() {
    return Optional.ofNullable(attributes.get("sub"));
  }

  /** What Cognito holds for one kind of MFA. */
  public MfaChoice mfa(MfaKind kind) {
    boolean on = mfaEnabled.contains(kind.cognitoName());
    boolean preferred = preferredMfa.filter(kind.cognitoName()::equals).isPresent();
    // Cognito names as preferred only a kind that is on; should it say otherwise, it is off
    return new MfaChoice(on, on && preferred);
  }

  public ObservedUser withStatus(String newStatus) {
    return new ObservedUser(
        newStatus, username, attributes, enabled, created, lastModified, mfaEnabled, preferredMfa);
  }

  public ObservedUser withEnabled(boolean nowEnabled) {
    return new ObservedUser(
        status, username, attributes, nowEnabled, created, lastModified, mfaEnabled, preferredMfa);
  }

  public ObservedUser withAttributes(Map<String, String> nowAttributes) {
    return new ObservedUser(
        status, username, nowAttributes, enabled, created, lastModified, mfaEnabled, preferredMfa);
  }

  public ObservedUser withMfa(List<String> nowEnabled, Optional<String> nowPreferred) {
    return new ObservedUser(
        status, username, attributes, enabled, created, lastModified, nowEnabled, nowPreferred);
  }
}
