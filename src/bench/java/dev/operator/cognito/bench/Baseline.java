package dev.operator.cognito.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * What the operator's work costs without the operator: the same AdminGetUser and
 * AdminSetUserPassword per user, made by a plain AWS SDK v2 loop with the operator's concurrency,
 * against the same stand-in.
 */
final class Baseline implements AutoCloseable {

  private final CognitoIdentityProviderClient cognito;
  private final ExecutorService threads;

  Baseline(URI endpoint, int concurrency) {
    cognito =
        CognitoIdentityProviderClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
            .build();
    threads = Executors.newFixedThreadPool(concurrency);
  }

  /** Seconds to read and set the password of every user, {@code concurrency} at a time. */
  double readAndSet(List<String> usernames, String pool, String password) throws Exception {
    long start = System.nanoTime();
    List<Future<?>> calls = new ArrayList<>();
    for (String username : usernames) {
      calls.add(
          threads.submit(
              () -> {
                cognito.adminGetUser(b -> b.userPoolId(pool).username(username));
                cognito.adminSetUserPassword(
                    b -> b.userPoolId(pool).username(username).password(password).permanent(true));
              }));
    }
    for (Future<?> call : calls) {
      call.get();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  @Override
  public void close() {
    threads.shutdownNow();
    cognito.close();
  }
}
