package dev.operator.cognito.cognito;

/**
 * What Cognito holds of a user (AdminGetUser).
 *
 * @param status Cognito's UserStatus: CONFIRMED, FORCE_CHANGE_PASSWORD, EXTERNAL_PROVIDER, ...
 * @param username the user's canonical username, whatever alias the request used
 */
public record ObservedUser(String status, String username) {

  public static final String FEDERATED = "EXTERNAL_PROVIDER";

  public boolean isFederated() {
    return FEDERATED.equals(status);
  }
}
