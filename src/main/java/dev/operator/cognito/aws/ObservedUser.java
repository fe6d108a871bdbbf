package dev.operator.cognito.aws;

import java.time.Instant;
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
 */
public record ObservedUser(
    String status,
    String username,
    Map<String, String> attributes,
    boolean enabled,
    Optional<Instant> created,
    Optional<Instant> lastModified) {

  public static final String FEDERATED = "EXTERNAL_PROVIDER";
  public static final String FORCE_CHANGE_PASSWORD = "FORCE_CHANGE_PASSWORD";

  public ObservedUser {
    attributes = Map.copyOf(attributes);
  }

  public boolean isFederated() {
    return FEDERATED.equals(status);
  }

  public Optional<String> sub() {
    return Optional.ofNullable(attributes.get("sub"));
  }

  public ObservedUser withStatus(String newStatus) {
    return new ObservedUser(newStatus, username, attributes, enabled, created, lastModified);
  }

  public ObservedUser withEnabled(boolean nowEnabled) {
    return new ObservedUser(status, username, attributes, nowEnabled, created, lastModified);
  }

  public ObservedUser withAttributes(Map<String, String> nowAttributes) {
    return new ObservedUser(status, username, nowAttributes, enabled, created, lastModified);
  }
}
