package dev.operator.cognito.support;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
 * What a person would do against Cognito, sent straight to cognito-local (not through the proxy, so
 * the operator's call counts stay the operator's): make pools and users, and sign in.
 */
public final class TestCognito implements AutoCloseable {

  public static final AwsBasicCredentials CREDENTIALS =
      AwsBasicCredentials.create("local-access-key", "local-secret-key");

  private final CognitoIdentityProviderClient client;

  public TestCognito(URI endpoint) {
    client =
        CognitoIdentityProviderClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of("local"))
            .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  private static final AtomicInteger NEXT_POOL = new AtomicInteger();

  /**
   * A pool of its own (one of those cognito-local loaded at start, with a real region in its id),
   * with an app client that allows admin password sign-in.
   */
  public Pool createPool(String name) {
    int next = NEXT_POOL.getAndIncrement();
    if (next >= CognitoLocal.POOL_IDS.size()) {
      throw new IllegalStateException("more pools asked for than CognitoLocal.POOL_IDS holds");
    }
    String poolId = CognitoLocal.POOL_IDS.get(next);
    String clientId =
        client
            .createUserPoolClient(
                b ->
                    b.userPoolId(poolId)
                        .clientName(name + "-client")
                        .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH))
            .userPoolClient()
            .clientId();
    return new Pool(poolId, clientId);
  }

  /** The pool cognito-local was started with that holds a federated user. */
  public Pool federatedPool() {
    String clientId =
        client
            .createUserPoolClient(
                b ->
                    b.userPoolId(CognitoLocal.FEDERATED_POOL)
                        .clientName("federated-" + System.nanoTime())
                        .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_ADMIN_USER_PASSWORD_AUTH))
            .userPoolClient()
            .clientId();
    return new Pool(CognitoLocal.FEDERATED_POOL, clientId);
  }

  public void createUser(Pool pool, String username) {
    client.adminCreateUser(
        b -> b.userPoolId(pool.id()).username(username).messageAction("SUPPRESS"));
  }

  public String userStatus(Pool pool, String username) {
    return client
        .adminGetUser(b -> b.userPoolId(pool.id()).username(username))
        .userStatusAsString();
  }

  public boolean exists(Pool pool, String username) {
    try {
      client.adminGetUser(b -> b.userPoolId(pool.id()).username(username));
      return true;
    } catch (
        software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException e) {
      return false;
    }
  }

  public java.util.Map<String, String> attributes(Pool pool, String username) {
    java.util.Map<String, String> attributes = new java.util.TreeMap<>();
    client
        .adminGetUser(b -> b.userPoolId(pool.id()).username(username))
        .userAttributes()
        .forEach(a -> attributes.put(a.name(), a.value()));
    return attributes;
  }

  public boolean enabled(Pool pool, String username) {
    return !Boolean.FALSE.equals(
        client.adminGetUser(b -> b.userPoolId(pool.id()).username(username)).enabled());
  }

  public void createGroup(Pool pool, String group) {
    client.createGroup(b -> b.userPoolId(pool.id()).groupName(group));
  }

  public java.util.Set<String> groups(Pool pool, String username) {
    return client
        .adminListGroupsForUser(b -> b.userPoolId(pool.id()).username(username))
        .groups()
        .stream()
        .map(g -> g.groupName())
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  /** Puts a user in a group, as someone other than the operator would. */
  public void addUserToGroup(Pool pool, String username, String group) {
    client.adminAddUserToGroup(b -> b.userPoolId(pool.id()).username(username).groupName(group));
  }

  /** Sets attributes of a user, as someone other than the operator would. */
  public void setAttributes(Pool pool, String username, Map<String, String> attributes) {
    client.adminUpdateUserAttributes(
        b ->
            b.userPoolId(pool.id())
                .username(username)
                .userAttributes(
                    attributes.entrySet().stream()
                        .map(
                            e ->
                                software.amazon.awssdk.services.cognitoidentityprovider.model
                                    .AttributeType.builder()
                                    .name(e.getKey())
                                    .value(e.getValue())
                                    .build())
                        .toList()));
  }

  /** Deletes the user, as someone in the console would. */
  public void deleteUser(Pool pool, String username) {
    client.adminDeleteUser(b -> b.userPoolId(pool.id()).username(username));
  }

  /** Gives the pool a password policy with this minimum length (every kind required). */
  public void requireMinimumLength(Pool pool, int minimumLength) {
    client.updateUserPool(
        b ->
            b.userPoolId(pool.id())
                .policies(
                    p ->
                        p.passwordPolicy(
                            pp ->
                                pp.minimumLength(minimumLength)
                                    .requireUppercase(true)
                                    .requireLowercase(true)
                                    .requireNumbers(true)
                                    .requireSymbols(true))));
  }

  /** The user's own choice of password, as after answering NEW_PASSWORD_REQUIRED. */
  public void userChoosesOwnPassword(Pool pool, String username, String password) {
    client.adminSetUserPassword(
        b -> b.userPoolId(pool.id()).username(username).password(password).permanent(true));
  }

  /** Signs in with ADMIN_USER_PASSWORD_AUTH, as an application's back end would. */
  public SignIn signIn(Pool pool, String username, String password) {
    try {
      AdminInitiateAuthResponse response =
          client.adminInitiateAuth(
              b ->
                  b.userPoolId(pool.id())
                      .clientId(pool.clientId())
                      .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                      .authParameters(Map.of("USERNAME", username, "PASSWORD", password)));
      if (response.challengeName() == ChallengeNameType.NEW_PASSWORD_REQUIRED) {
        return SignIn.NEW_PASSWORD_REQUIRED;
      }
      return response.authenticationResult() != null
              && response.authenticationResult().accessToken() != null
          ? SignIn.ACCEPTED
          : SignIn.REFUSED;
    } catch (CognitoIdentityProviderException e) {
      // cognito-local answers a wrong password with InvalidPasswordException or NotAuthorized
      return SignIn.REFUSED;
    }
  }

  public enum SignIn {
    ACCEPTED,
    NEW_PASSWORD_REQUIRED,
    REFUSED
  }

  public record Pool(String id, String clientId) {}

  @Override
  public void close() {
    client.close();
  }
}
