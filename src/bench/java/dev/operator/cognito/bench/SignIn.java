package dev.operator.cognito.bench;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

/**
 * A sign-in as an application makes it (AdminInitiateAuth, ADMIN_USER_PASSWORD_AUTH) with the AWS
 * SDK, against the stand-in: whether the password Cognito holds is the one given. It never prints
 * the password.
 */
final class SignIn implements AutoCloseable {

  private final CognitoIdentityProviderClient cognito;

  SignIn(URI endpoint) {
    cognito =
        CognitoIdentityProviderClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
            .build();
  }

  /** Whether the user signs in with {@code password} and gets tokens (no challenge). */
  boolean signsIn(String pool, String username, String password) {
    try {
      return cognito
              .adminInitiateAuth(
                  b ->
                      b.userPoolId(pool)
                          .clientId("bench")
                          .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                          .authParameters(Map.of("USERNAME", username, "PASSWORD", password)))
              .authenticationResult()
          != null;
    } catch (NotAuthorizedException e) {
      return false;
    }
  }

  @Override
  public void close() {
    cognito.close();
  }
}
