package dev.operator.cognito.aws;

import dev.operator.cognito.aws.UserTarget.AssumedRole;
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
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * One SDK client per region and identity, configured the SDK's standard way (region and credential
 * chains, IRSA web identity, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER). A target whose grant
 * names a role gets a client whose credentials come from STS AssumeRole of that role (the SDK's own
 * provider, which caches and refreshes them; STS reached the standard way, so AWS_ENDPOINT_URL_STS
 * works). Tests may pin endpoints and credentials instead. Targets have been checked against the
 * region policy, so the number of clients stays bounded.
 */
public final class CognitoClients implements AutoCloseable {

  private static final String DEFAULT_REGION_KEY = "";

  private final Duration callTimeout;
  private final Optional<URI> endpointOverride;
  private final Optional<AwsCredentialsProvider> credentials;
  private final Optional<URI> stsEndpointOverride;
  private final Map<String, CognitoIdentityProviderClient> clients = new ConcurrentHashMap<>();
  private final Map<String, StsClient> stsClients = new ConcurrentHashMap<>();
  private final Map<String, StsAssumeRoleCredentialsProvider> roles = new ConcurrentHashMap<>();

  public CognitoClients(
      Duration callTimeout,
      Optional<URI> endpointOverride,
      Optional<AwsCredentialsProvider> credentials) {
    this(callTimeout, endpointOverride, credentials, Optional.empty());
  }

  public CognitoClients(
      Duration callTimeout,
      Optional<URI> endpointOverride,
      Optional<AwsCredentialsProvider> credentials,
      Optional<URI> stsEndpointOverride) {
    this.callTimeout = callTimeout;
    this.endpointOverride = endpointOverride;
    this.credentials = credentials;
    this.stsEndpointOverride = stsEndpointOverride;
  }

  public static CognitoClients standard(Duration callTimeout) {
    return new CognitoClients(callTimeout, Optional.empty(), Optional.empty());
  }

  public CognitoIdentityProviderClient forTarget(UserTarget target) {
    String key =
        target.region().orElse(DEFAULT_REGION_KEY)
            + "|"
            + target.role().map(r -> r.roleArn() + "|" + r.sessionName()).orElse("");
    return clients.computeIfAbsent(key, k -> build(target.region(), target.role()));
  }

  private AwsCredentialsProvider assumed(Optional<String> region, AssumedRole role) {
    StsClient sts =
        stsClients.computeIfAbsent(
            region.orElse(DEFAULT_REGION_KEY),
            k -> {
              StsClientBuilder builder =
                  StsClient.builder()
                      .httpClientBuilder(
                          UrlConnectionHttpClient.builder()
                              .connectionTimeout(callTimeout)
                              .socketTimeout(callTimeout));
              region.map(Region::of).ifPresent(builder::region);
              stsEndpointOverride.ifPresent(builder::endpointOverride);
              credentials.ifPresent(builder::credentialsProvider);
              return builder.build();
            });
    return roles.computeIfAbsent(
        region.orElse(DEFAULT_REGION_KEY) + "|" + role.roleArn() + "|" + role.sessionName(),
        k ->
            StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> r.roleArn(role.roleArn()).roleSessionName(role.sessionName()))
                .build());
  }

  private CognitoIdentityProviderClient build(Optional<String> region, Optional<AssumedRole> role) {
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
    if (role.isPresent()) {
      builder.credentialsProvider(assumed(region, role.get()));
    } else {
      credentials.ifPresent(builder::credentialsProvider);
    }
    return builder.build();
  }

  @Override
  public void close() {
    clients.values().forEach(CognitoIdentityProviderClient::close);
    clients.clear();
    roles.values().forEach(StsAssumeRoleCredentialsProvider::close);
    roles.clear();
    stsClients.values().forEach(StsClient::close);
    stsClients.clear();
  }
}
