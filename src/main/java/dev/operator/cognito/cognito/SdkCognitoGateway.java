package dev.operator.cognito.cognito;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminAddUserToGroupRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminDeleteUserAttributesRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminDeleteUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminDisableUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminEnableUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminListGroupsForUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminRemoveUserFromGroupRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminSetUserPasswordRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminUpdateUserAttributesRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.sts.model.StsException;

/** {@link CognitoGateway} over the AWS SDK, inside per-category, per-region rate limits. */
public final class SdkCognitoGateway implements CognitoGateway {

  // calls that carry no password have nothing to scrub from their errors
  private static final SecretValue NO_PASSWORD = new SecretValue("");

  private final CognitoClients clients;
  private final SdkFailureClassifier classifier = new SdkFailureClassifier();
  private final CognitoRates rates;
  private final Map<String, RequestRateLimiter> limiters = new ConcurrentHashMap<>();
  private final MeterRegistry meters;

  public SdkCognitoGateway(CognitoClients clients, CognitoRates rates, MeterRegistry meters) {
    this.clients = clients;
    this.rates = rates;
    this.meters = meters;
  }

  @Override
  public Optional<ObservedUser> readUser(UserTarget target) throws CognitoFailure {
    return call(
        "AdminGetUser",
        QuotaCategory.USER_READ,
        target,
        NO_PASSWORD,
        Optional.empty(),
        () -> {
          try {
            var response =
                clients
                    .forTarget(target)
                    .adminGetUser(
                        AdminGetUserRequest.builder()
                            .userPoolId(target.userPoolId())
                            .username(target.username())
                            .build());
            return Optional.of(
                new ObservedUser(
                    response.userStatusAsString(),
                    response.username(),
                    attributes(response.userAttributes()),
                    !Boolean.FALSE.equals(response.enabled()),
                    Optional.ofNullable(response.userCreateDate()),
                    Optional.ofNullable(response.userLastModifiedDate())));
          } catch (UserNotFoundException absent) {
            return Optional.empty();
          }
        });
  }

  @Override
  public ObservedUser createUser(UserTarget target, Map<String, String> attributes, String tenant)
      throws CognitoFailure {
    return call(
        "AdminCreateUser",
        QuotaCategory.USER_CREATION,
        target,
        NO_PASSWORD,
        Optional.of(tenant),
        () -> {
          var user =
              clients
                  .forTarget(target)
                  .adminCreateUser(
                      AdminCreateUserRequest.builder()
                          .userPoolId(target.userPoolId())
                          .username(target.username())
                          .userAttributes(attributeTypes(attributes))
                          .messageAction(MessageActionType.SUPPRESS)
                          .build())
                  .user();
          return new ObservedUser(
              user.userStatusAsString(),
              user.username(),
              attributes(user.attributes()),
              !Boolean.FALSE.equals(user.enabled()),
              Optional.ofNullable(user.userCreateDate()),
              Optional.ofNullable(user.userLastModifiedDate()));
        });
  }

  @Override
  public void setPassword(UserTarget target, SecretValue password, boolean permanent, String tenant)
      throws CognitoFailure {
    call(
        "AdminSetUserPassword",
        QuotaCategory.PASSWORD_CHANGE,
        target,
        password,
        Optional.of(tenant),
        () ->
            clients
                .forTarget(target)
                .adminSetUserPassword(
                    AdminSetUserPasswordRequest.builder()
                        .userPoolId(target.userPoolId())
                        .username(target.username())
                        .password(password.reveal())
                        .permanent(permanent)
                        .build()));
  }

  @Override
  public void updateAttributes(UserTarget target, Map<String, String> attributes, String tenant)
      throws CognitoFailure {
    call(
        "AdminUpdateUserAttributes",
        QuotaCategory.USER_UPDATE,
        target,
        NO_PASSWORD,
        Optional.of(tenant),
        () ->
            clients
                .forTarget(target)
                .adminUpdateUserAttributes(
                    AdminUpdateUserAttributesRequest.builder()
                        .userPoolId(target.userPoolId())
                        .username(target.username())
                        .userAttributes(attributeTypes(attributes))
                        .build()));
  }

  @Override
  public void deleteAttributes(UserTarget target, Collection<String> names, String tenant)
      throws CognitoFailure {
    call(
        "AdminDeleteUserAttributes",
        QuotaCategory.USER_UPDATE,
        target,
        NO_PASSWORD,
        Optional.of(tenant),
        () ->
            clients
                .forTarget(target)
                .adminDeleteUserAttributes(
                    AdminDeleteUserAttributesRequest.builder()
                        .userPoolId(target.userPoolId())
                        .username(target.username())
                        .userAttributeNames(names)
                        .build()));
  }

  @Override
  public void setEnabled(UserTarget target, boolean enabled, String tenant) throws CognitoFailure {
    call(
        enabled ? "AdminEnableUser" : "AdminDisableUser",
        QuotaCategory.USER_UPDATE,
        target,
        NO_PASSWORD,
        Optional.of(tenant),
        () ->
            enabled
                ? clients
                    .forTarget(target)
                    .adminEnableUser(
                        AdminEnableUserRequest.builder()
                            .userPoolId(target.userPoolId())
                            .username(target.username())
                            .build())
                : clients
                    .forTarget(target)
                    .adminDisableUser(
                        AdminDisableUserRequest.builder()
                            .userPoolId(target.userPoolId())
                            .username(target.username())
                            .build()));
  }

  @Override
  public Set<String> groupsOf(UserTarget target) throws CognitoFailure {
    Set<String> groups = new LinkedHashSet<>();
    String next = null;
    do {
      String token = next;
      var page =
          call(
              "AdminListGroupsForUser",
              QuotaCategory.USER_RESOURCE_READ,
              target,
              NO_PASSWORD,
              Optional.empty(),
              () ->
                  clients
                      .forTarget(target)
                      .adminListGroupsForUser(
                          AdminListGroupsForUserRequest.builder()
                              .userPoolId(target.userPoolId())
                              .username(target.username())
                              .limit(60)
                              .nextToken(token)
                              .build()));
      page.groups().stream().map(GroupType::groupName).forEach(groups::add);
      next = page.nextToken();
    } while (next != null && !next.isEmpty());
    return groups;
  }

  @Override
  public void addToGroup(UserTarget target, String group, String tenant) throws CognitoFailure {
    call(
        "AdminAddUserToGroup",
        QuotaCategory.GROUP_CHANGE,
        target,
        NO_PASSWORD,
        Optional.of(tenant),
        () ->
            clients
                .forTarget(target)
                .adminAddUserToGroup(
                    AdminAddUserToGroupRequest.builder()
                        .userPoolId(target.userPoolId())
                        .username(target.username())
                        .groupName(group)
                        .build()));
  }

  @Override
  public void removeFromGroup(UserTarget target, String group, String tenant)
      throws CognitoFailure {
    call(
        "AdminRemoveUserFromGroup",
        QuotaCategory.GROUP_CHANGE,
        target,
        NO_PASSWORD,
        Optional.of(tenant),
        () ->
            clients
                .forTarget(target)
                .adminRemoveUserFromGroup(
                    AdminRemoveUserFromGroupRequest.builder()
                        .userPoolId(target.userPoolId())
                        .username(target.username())
                        .groupName(group)
                        .build()));
  }

  @Override
  public void deleteUser(UserTarget target, String tenant) throws CognitoFailure {
    call(
        "AdminDeleteUser",
        QuotaCategory.USER_UPDATE,
        target,
        NO_PASSWORD,
        Optional.of(tenant),
        () -> {
          try {
            clients
                .forTarget(target)
                .adminDeleteUser(
                    AdminDeleteUserRequest.builder()
                        .userPoolId(target.userPoolId())
                        .username(target.username())
                        .build());
          } catch (UserNotFoundException alreadyGone) {
            // what the delete was for
          }
          return null;
        });
  }

  @Override
  public Optional<Integer> temporaryPasswordValidityDays(UserTarget target) throws CognitoFailure {
    return call(
        "DescribeUserPool",
        QuotaCategory.USER_POOL_READ,
        target,
        NO_PASSWORD,
        Optional.empty(),
        () -> {
          var pool =
              clients
                  .forTarget(target)
                  .describeUserPool(
                      DescribeUserPoolRequest.builder().userPoolId(target.userPoolId()).build())
                  .userPool();
          return Optional.ofNullable(pool.policies())
              .map(p -> p.passwordPolicy())
              .map(p -> p.temporaryPasswordValidityDays());
        });
  }

  private static Map<String, String> attributes(List<AttributeType> attributes) {
    Map<String, String> result = new LinkedHashMap<>();
    if (attributes != null) {
      attributes.forEach(a -> result.put(a.name(), a.value() == null ? "" : a.value()));
    }
    return result;
  }

  private static List<AttributeType> attributeTypes(Map<String, String> attributes) {
    return attributes.entrySet().stream()
        .map(e -> AttributeType.builder().name(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  private <T> T call(
      String operation,
      QuotaCategory category,
      UserTarget target,
      SecretValue password,
      Optional<String> tenant,
      Supplier<T> request)
      throws CognitoFailure {
    String region = target.region().orElse("default");
    RequestRateLimiter limiter =
        limiters.computeIfAbsent(
            // Cognito's quotas are per account and region: a role's calls count on their own
            category + "/" + region + target.role().map(r -> "/" + r.roleArn()).orElse(""),
            k -> RequestRateLimiter.perSecond(rates.perSecond(category)));
    waitForRateLimit(operation, region, limiter, category.isWrite() ? tenant : Optional.empty());
    Timer.Sample sample = Timer.start(meters);
    String outcome = "success";
    try {
      return request.get();
    } catch (SdkException e) {
      CognitoFailure failure =
          roleNotAssumed(target, e)
              .orElseGet(() -> classifier.classify(operation, target, password, e));
      outcome = failure.fault().name();
      throw failure;
    } finally {
      sample.stop(
          Timer.builder("cognito.calls")
              .description("Calls to the Cognito API, by operation and outcome")
              .tag("operation", operation)
              .tag("outcome", outcome)
              .tag("region", region)
              .register(meters));
    }
  }

  /** STS refused the grant's role: the role is named, and IAM is what must change. */
  private static Optional<CognitoFailure> roleNotAssumed(UserTarget target, SdkException e) {
    if (target.role().isEmpty()) {
      return Optional.empty();
    }
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof StsException sts) {
        String why =
            sts.awsErrorDetails() == null
                ? String.valueOf(sts.statusCode())
                : sts.awsErrorDetails().errorCode() + ": " + sts.awsErrorDetails().errorMessage();
        return Optional.of(
            new CognitoFailure(
                CognitoFault.ACCESS_DENIED,
                FailureKind.OUTSIDE_CLUSTER,
                "the operator could not assume role "
                    + target.role().get().roleArn()
                    + " (STS AssumeRole: "
                    + why
                    + ")"));
      }
    }
    return Optional.empty();
  }

  /** A slot at most this many ahead is waited for; a later one is deferred. */
  private static final int SLOTS_WORTH_WAITING = 2;

  private void waitForRateLimit(
      String operation, String region, RequestRateLimiter limiter, Optional<String> tenant)
      throws DeferredCall {
    try {
      long waited;
      if (tenant.isPresent()) {
        RequestRateLimiter.Admission admission = limiter.admit(tenant.get(), SLOTS_WORTH_WAITING);
        if (admission instanceof RequestRateLimiter.Admission.Deferred deferred) {
          throw new DeferredCall(Duration.ofNanos(deferred.retryAfterNanos()));
        }
        waited = ((RequestRateLimiter.Admission.Granted) admission).waitedNanos();
      } else {
        waited = limiter.acquire();
      }
      Timer.builder("cognito.rate.limit.wait")
          .description("Time spent waiting for the Cognito rate limit")
          .tag("operation", operation)
          .tag("region", region)
          .register(meters)
          .record(waited, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Cognito rate limit", e);
    }
  }
}
