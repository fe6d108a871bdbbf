package dev.operator.cognito.sync.facet;

import dev.operator.cognito.aws.CallNotDone;
import dev.operator.cognito.aws.CognitoGateway;
import dev.operator.cognito.aws.PoolPolicies;
import dev.operator.cognito.aws.UserTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a pool says of passwords (how long temporary ones stay valid, what one must contain), from
 * DescribeUserPool, read at most once an hour per pool: pool settings change rarely and
 * UserPoolRead is Cognito's smallest quota.
 */
public final class PoolSettings {

  /** Cognito's default when the pool does not say. */
  static final int DEFAULT_VALIDITY_DAYS = 7;

  private static final Duration KEEP = Duration.ofHours(1);

  private record Known(PoolPolicies policies, Instant readAt) {}

  private final CognitoGateway cognito;
  private final Clock clock;
  private final Map<String, Known> known = new ConcurrentHashMap<>();

  public PoolSettings(CognitoGateway cognito, Clock clock) {
    this.cognito = cognito;
    this.clock = clock;
  }

  int temporaryPasswordValidityDays(UserTarget target) throws CallNotDone {
    return policies(target).temporaryPasswordValidityDays().orElse(DEFAULT_VALIDITY_DAYS);
  }

  /** What a password in the pool must contain. */
  public PoolPolicies.PasswordPolicy passwordPolicy(UserTarget target) throws CallNotDone {
    return policies(target).passwordPolicy();
  }

  private PoolPolicies policies(UserTarget target) throws CallNotDone {
    String pool = target.region().orElse("") + "/" + target.userPoolId();
    Known cached = known.get(pool);
    Instant now = clock.instant();
    if (cached != null && now.isBefore(cached.readAt().plus(KEEP))) {
      return cached.policies();
    }
    PoolPolicies policies = cognito.poolPolicies(target);
    known.put(pool, new Known(policies, now));
    return policies;
  }
}
