package dev.operator.cognito.cognito;

/** The two Cognito calls the operator makes; the only place that knows the AWS SDK is behind it. */
public interface CognitoGateway {

  /** AdminSetUserPassword. */
  void setPassword(UserTarget target, SecretValue password, boolean permanent)
      throws CognitoFailure;

  /** AdminGetUser: the user's status and canonical username. */
  ObservedUser readUser(UserTarget target) throws CognitoFailure;
}
