package dev.operator.cognito.sync;

import dev.operator.cognito.aws.CallNotDone;
import dev.operator.cognito.aws.CognitoGateway;
import dev.operator.cognito.aws.ObservedUser;
import dev.operator.cognito.aws.UserTarget;
import dev.operator.cognito.sync.memory.UserStatusReads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads what Cognito holds of the user: at most one AdminGetUser per pass. When a pass ends with a
 * write deferred by the rate limit, what it knew is parked until the write's turn comes, so that
 * waiting in line does not cost a read each time round.
 */
public final class UserObserver {

  /** How long past its turn a parked observation may still be used. */
  private static final Duration PARK_SLACK = Duration.ofSeconds(5);

  private record Parked(UserTarget target, Optional<ObservedUser> user, Instant until) {}

  private final CognitoGateway cognito;
  private final UserStatusReads reads;
  private final Clock clock;
  private final Map<String, Parked> parked = new ConcurrentHashMap<>();

  UserObserver(CognitoGateway cognito, UserStatusReads reads, Clock clock) {
    this.cognito = cognito;
    this.reads = reads;
    this.clock = clock;
  }

  /** What Cognito holds of the user: empty if there is no such user. */
  Optional<ObservedUser> observe(String key, UserTarget target) throws CallNotDone {
    Parked waiting = parked.remove(key);
    if (waiting != null
        && waiting.target().equals(target)
        && clock.instant().isBefore(waiting.until())) {
      return waiting.user();
    }
    Optional<ObservedUser> user = cognito.readUser(target);
    reads.markRead(key);
    return user;
  }

  /** Keeps what the pass knew for its deferred write, which comes back after {@code retryAfter}. */
  void park(String key, UserTarget target, Optional<ObservedUser> user, Duration retryAfter) {
    parked.put(key, new Parked(target, user, clock.instant().plus(retryAfter).plus(PARK_SLACK)));
  }

  void forget(String key) {
    parked.remove(key);
  }
}
