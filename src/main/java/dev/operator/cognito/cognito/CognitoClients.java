package dev.operator.cognito.cognito;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClientBuilder;

/**
 * One SDK client per region, configured the SDK's standard way (region and credential chains, IRSA
 * web identity, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER). Tests may pin an endpoint and
 * credentials instead.
 */
public final class CognitoClients implements AutoCloseable {

  private static final String DEFAULT_REGION_KEY = "";

  private final Duration callTimeout;
  private final Optional<URI> endpointOverride;
  private final Optional<AwsCredentialsProvider> credentials;
  private final Map<String, CognitoIdentityProviderClient> byRegion = new ConcurrentHashMap<>();

  public CognitoClients(
      Duration callTimeout,
      Optional<URI> endpointOverride,
      Optional<AwsCredentialsProvider> credentials) {
    this.callTimeout = callTimeout;
    this.endpointOverride = endpointOverride;
    this.credentials = credentials;
  }

  public static CognitoClients standard(Duration callTimeout) {
    return new CognitoClients(callTimeout, Optional.empty(), Optional.empty());
  }

  public CognitoIdentityProviderClient forRegion(Optional<String> region) {
    return byRegion.computeIfAbsent(region.orElse(DEFAULT_REGION_KEY), key -> build(region));
  }

  private CognitoIdentityProviderClient build(Optional<String> region) {
    CognitoIdentityProviderClientBuilder builder =
        CognitoIdentityProviderClient.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(callTimeout)
                    .socketTimeout(callTimeout))
            .overrideConfiguration(
                c ->
                    c.apiCallTimeout(callTimeout)
                        // the operator retries with its own backoff, which sees every call and
                        // keeps each one inside the rate limit
                        .retryStrategy(AwsRetryStrategy.doNotRetry()));
    region.map(Region::of).ifPresent(builder::region);
    endpointOverride.ifPresent(builder::endpointOverride);
    credentials.ifPresent(builder::credentialsProvider);
    return builder.build();
  }

  @Override
  public void close() {
    byRegion.values().forEach(CognitoIdentityProviderClient::close);
    byRegion.clear();
  }
}
