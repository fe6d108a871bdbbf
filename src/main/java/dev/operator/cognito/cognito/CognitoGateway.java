package dev.operator.cognito.cognito;

/** The two Cognito calls the operator makes; the only place that knows the AWS SDK is behind it. */
public interface CognitoGateway {

  /**
   * AdminSetUserPassword, for a CognitoUser in namespace {@code tenant}: the write rate is shared
   * fairly between namespaces, and a call whose slot is far off is not made but deferred ({@link
   * DeferredCall}).
   */
  void setPassword(UserTarget target, SecretValue password, boolean permanent, String tenant)
      throws CognitoFailure;

  /** AdminGetUser: the user's status and canonical username. */
  ObservedUser readUser(UserTarget target) throws CognitoFailure;
}
