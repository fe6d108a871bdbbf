package dev.operator.cognito.aws;

import dev.operator.cognito.aws.UserTarget.AssumedRole;
import dev.operator.cognito.aws.ratelimit.Caller;
import dev.operator.cognito.aws.ratelimit.CognitoRates;
import dev.operator.cognito.aws.ratelimit.QuotaCategory;
import dev.operator.cognito.aws.ratelimit.RequestRateLimiter;
import dev.operator.cognito.aws.ratelimit.TurnWaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
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
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
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
  private final TurnWaker turns;

  /**
   * {@code wakeUp} is told when a deferred write's turn has come: its caller should make the call
   * again now (its CognitoUser be reconciled).
   */
  public SdkCognitoGateway(
      CognitoClients clients, CognitoRates rates, MeterRegistry meters, Consumer<Caller> wakeUp) {
    this.clients = clients;
    this.rates = rates;
    this.meters = meters;
    this.turns = new TurnWaker(wakeUp);
  }

  @Override
  public Optional<ObservedUser> readUser(UserTarget target) throws CognitoFailure {
    return read(
        "AdminGetUser",
        QuotaCategory.USER_READ,
        target,
        cognito -> {
          try {
            var user =
                cognito.adminGetUser(
                    b -> b.userPoolId(target.userPoolId()).username(target.username()));
            return Optional.of(
                new ObservedUser(
                    user.userStatusAsString(),
                    user.username(),
                    attributes(user.userAttributes()),
                    !Boolean.FALSE.equals(user.enabled()),
                    Optional.ofNullable(user.userCreateDate()),
                    Optional.ofNullable(user.userLastModifiedDate())));
          } catch (UserNotFoundException absent) {
            return Optional.empty();
          }
        });
  }

  @Override
  public ObservedUser createUser(UserTarget target, Map<String, String> attributes, Caller caller)
      throws CognitoFailure {
    return write(
        "AdminCreateUser",
        QuotaCategory.USER_CREATION,
        target,
        caller,
        cognito -> {
          var user =
              cognito
                  .adminCreateUser(
                      b ->
                          b.userPoolId(target.userPoolId())
                              .username(target.username())
                              .userAttributes(attributeTypes(attributes))
                              // Cognito sends no invitation: the password comes from the Secret
                              .messageAction(MessageActionType.SUPPRESS))
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
  public void setPassword(UserTarget target, SecretValue password, boolean permanent, Caller caller)
      throws CognitoFailure {
    call(
        "AdminSetUserPassword",
        QuotaCategory.PASSWORD_CHANGE,
        target,
        password,
        Optional.of(caller),
        () ->
            clients
                .forTarget(target)
                .adminSetUserPassword(
                    b ->
                        b.userPoolId(target.userPoolId())
                            .username(target.username())
                            .password(password.reveal())
                            .permanent(permanent)));
  }

  @Override
  public void updateAttributes(UserTarget target, Map<String, String> attributes, Caller caller)
      throws CognitoFailure {
    write(
        "AdminUpdateUserAttributes",
        QuotaCategory.USER_UPDATE,
        target,
        caller,
        cognito ->
            cognito.adminUpdateUserAttributes(
                b ->
                    b.userPoolId(target.userPoolId())
                        .username(target.username())
                        .userAttributes(attributeTypes(attributes))));
  }

  @Override
  public void deleteAttributes(UserTarget target, Collection<String> names, Caller caller)
      throws CognitoFailure {
    write(
        "AdminDeleteUserAttributes",
        QuotaCategory.USER_UPDATE,
        target,
        caller,
        cognito ->
            cognito.adminDeleteUserAttributes(
                b ->
                    b.userPoolId(target.userPoolId())
                        .username(target.username())
                        .userAttributeNames(names)));
  }

  @Override
  public void setEnabled(UserTarget target, boolean enabled, Caller caller) throws CognitoFailure {
    if (enabled) {
      write(
          "AdminEnableUser",
          QuotaCategory.USER_UPDATE,
          target,
          caller,
          cognito ->
              cognito.adminEnableUser(
                  b -> b.userPoolId(target.userPoolId()).username(target.username())));
    } else {
      write(
          "AdminDisableUser",
          QuotaCategory.USER_UPDATE,
          target,
          caller,
          cognito ->
              cognito.adminDisableUser(
                  b -> b.userPoolId(target.userPoolId()).username(target.username())));
    }
  }

  @Override
  public Set<String> groupsOf(UserTarget target) throws CognitoFailure {
    Set<String> groups = new LinkedHashSet<>();
    String next = null;
    do {
      String token = next;
      var page =
          read(
              "AdminListGroupsForUser",
              QuotaCategory.USER_RESOURCE_READ,
              target,
              cognito ->
                  cognito.adminListGroupsForUser(
                      b ->
                          b.userPoolId(target.userPoolId())
                              .username(target.username())
                              .limit(60)
                              .nextToken(token)));
      page.groups().stream().map(GroupType::groupName).forEach(groups::add);
      next = page.nextToken();
    } while (next != null && !next.isEmpty());
    return groups;
  }

  @Override
  public void addToGroup(UserTarget target, String group, Caller caller) throws CognitoFailure {
    write(
        "AdminAddUserToGroup",
        QuotaCategory.GROUP_CHANGE,
        target,
        caller,
        cognito ->
            cognito.adminAddUserToGroup(
                b ->
                    b.userPoolId(target.userPoolId())
                        .username(target.username())
                        .groupName(group)));
  }

  @Override
  public void removeFromGroup(UserTarget target, String group, Caller caller)
      throws CognitoFailure {
    write(
        "AdminRemoveUserFromGroup",
        QuotaCategory.GROUP_CHANGE,
        target,
        caller,
        cognito ->
            cognito.adminRemoveUserFromGroup(
                b ->
                    b.userPoolId(target.userPoolId())
                        .username(target.username())
                        .groupName(group)));
  }

  @Override
  public void deleteUser(UserTarget target, Caller caller) throws CognitoFailure {
    write(
        "AdminDeleteUser",
        QuotaCategory.USER_UPDATE,
        target,
        caller,
        cognito -> {
          try {
            cognito.adminDeleteUser(
                b -> b.userPoolId(target.userPoolId()).username(target.username()));
          } catch (UserNotFoundException alreadyGone) {
            // what the delete was for
          }
          return null;
        });
  }

  @Override
  public Optional<Integer> temporaryPasswordValidityDays(UserTarget target) throws CognitoFailure {
    return read(
        "DescribeUserPool",
        QuotaCategory.USER_POOL_READ,
        target,
        cognito ->
            Optional.ofNullable(
                    cognito.describeUserPool(b -> b.userPoolId(target.userPoolId())).userPool())
                .map(pool -> pool.policies())
                .map(policies -> policies.passwordPolicy())
                .map(policy -> policy.temporaryPasswordValidityDays()));
  }

  /** A call that changes nothing, waiting its turn in its category's rate. */
  private <T> T read(
      String operation,
      QuotaCategory category,
      UserTarget target,
      Function<CognitoIdentityProviderClient, T> request)
      throws CognitoFailure {
    return call(
        operation,
        category,
        target,
        NO_PASSWORD,
        Optional.empty(),
        () -> request.apply(clients.forTarget(target)));
  }

  /** A call that carries no password and changes the user, in the tenant's share of the rate. */
  private <T> T write(
      String operation,
      QuotaCategory category,
      UserTarget target,
      Caller caller,
      Function<CognitoIdentityProviderClient, T> request)
      throws CognitoFailure {
    return call(
        operation,
        category,
        target,
        NO_PASSWORD,
        Optional.of(caller),
        () -> request.apply(clients.forTarget(target)));
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
      Optional<Caller> caller,
      Supplier<T> request)
      throws CognitoFailure {
    String region = target.region().orElse("default");
    String account = target.role().map(AssumedRole::roleArn).orElse("operator");
    RequestRateLimiter limiter =
        limiters.computeIfAbsent(
            // Cognito's quotas are per account and region: a role's calls count on their own
            category + "/" + region + "/" + account, k -> newLimiter(category, region, account));
    Optional<Caller> share = category.isWrite() ? caller : Optional.empty();
    waitForRateLimit(operation, region, limiter, share);
    for (int attempt = 1; ; attempt++) {
      Timer.Sample sample = Timer.start(meters);
      String outcome = "success";
      long sentAt = limiter.now();
      try {
        T result = request.get();
        limiter.succeeded();
        return result;
      } catch (SdkException e) {
        CognitoFailure failure =
            roleNotAssumed(target, e)
                .orElseGet(() -> classifier.classify(operation, target, password, e));
        outcome = failure.fault().name();
        if (failure.fault() != CognitoFault.THROTTLED) {
          throw failure;
        }
        limiter.throttled(sentAt);
        // tried again in the next slot of the slowed rate if it is near, else as the next one
        // woken: a throttled caller keeps its place rather than going to the back of the line
        if (!nextSlotSoon(limiter, share, attempt < THROTTLED_ATTEMPTS)) {
          throw failure;
        }
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
  }

  /** How many times one pass makes a call that Cognito throttles. */
  private static final int THROTTLED_ATTEMPTS = 3;

  /** A slot this many ahead is still waited for by a throttled call. */
  private static final int SLOTS_WORTH_WAITING_AFTER_THROTTLING = 10;

  /**
   * Waits for the next slot if it is near and {@code retry} is on; false if it is far off, or the
   * call is not to be retried now, in which case a write's caller is the next one woken.
   */
  private boolean nextSlotSoon(RequestRateLimiter limiter, Optional<Caller> share, boolean retry)
      throws CognitoFailure {
    try {
      if (share.isEmpty()) {
        if (retry) {
          limiter.acquire();
        }
        return retry;
      }
      boolean granted = false;
      if (retry) {
        granted =
            limiter.admitAgain(share.get(), SLOTS_WORTH_WAITING_AFTER_THROTTLING)
                instanceof RequestRateLimiter.Admission.Granted;
      } else {
        limiter.keepPlace(share.get());
      }
      turns.changed(limiter);
      return granted;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Cognito rate limit", e);
    }
  }

  /** A limiter at the category's configured rate, its current rate and line shown as gauges. */
  private RequestRateLimiter newLimiter(QuotaCategory category, String region, String account) {
    RequestRateLimiter limiter = RequestRateLimiter.perSecond(rates.perSecond(category));
    Tags tags = Tags.of("category", category.name(), "region", region, "account", account);
    Gauge.builder("cognito.rate.limit", limiter, RequestRateLimiter::currentRate)
        .description(
            "Calls per second the operator allows itself now, by quota category: lowered when"
                + " Cognito throttles, raised again as calls go through")
        .tags(tags)
        .register(meters);
    Gauge.builder("cognito.rate.limit.waiting", limiter, RequestRateLimiter::waiting)
        .description(
            "CognitoUsers whose write waits for a slot of the rate limit, by quota category: each"
                + " is reconciled again when its turn comes")
        .tags(tags)
        .register(meters);
    return limiter;
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
      String operation, String region, RequestRateLimiter limiter, Optional<Caller> caller)
      throws DeferredCall {
    try {
      long waited;
      if (caller.isPresent()) {
        RequestRateLimiter.Admission admission = limiter.admit(caller.get(), SLOTS_WORTH_WAITING);
        turns.changed(limiter);
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
