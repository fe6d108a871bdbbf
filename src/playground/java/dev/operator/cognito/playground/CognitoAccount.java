package dev.operator.cognito.playground;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminInitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;

/**
 * What a person does in the playground's Cognito, with the AWS SDK as any application would: make
 * the app client and the example user, and sign in with a password.
 */
final class CognitoAccount implements AutoCloseable {

  static final AwsBasicCredentials CREDENTIALS =
      AwsBasicCredentials.create("playground", "playground");

  private final CognitoIdentityProviderClient client;

  CognitoAccount(URI endpoint, String region) {
    client =
        CognitoIdentityProviderClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  /** An app client that lets a back end sign users in with a password. */
  String createAppClient(String poolId) {
    return client
        .createUserPoolClient(
            b ->
                b.userPoolId(poolId)
                    .clientName("playground")
                    .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH))
        .userPoolClient()
        .clientId();
  }

  /** A user with no password of its own yet, as an administrator would create one. */
  void createUser(String poolId, String username) {
    client.adminCreateUser(b -> b.userPoolId(poolId).username(username).messageAction("SUPPRESS"));
  }

  SignIn signIn(String poolId, String clientId, String username, String password) {
    try {
      AdminInitiateAuthResponse response =
          client.adminInitiateAuth(
              b ->
                  b.userPoolId(poolId)
                      .clientId(clientId)
                      .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                      .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
      if (response.challengeName() == ChallengeNameType.NEW_PASSWORD_REQUIRED) {
        return SignIn.NEW_PASSWORD_REQUIRED;
      }
      return response.authenticationResult() != null ? SignIn.ACCEPTED : SignIn.REFUSED;
    } catch (CognitoIdentityProviderException e) {
      // a wrong password: NotAuthorizedException from Cognito, InvalidPasswordException from
      // cognito-local; an unknown user: UserNotFoundException
      return SignIn.REFUSED;
    }
  }

  enum SignIn {
    ACCEPTED,
    NEW_PASSWORD_REQUIRED,
    REFUSED
  }

  @Override
  public void close() {
    client.close();
  }
}
