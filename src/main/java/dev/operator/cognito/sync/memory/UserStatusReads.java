package dev.operator.cognito.sync.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers when each user's status was last read from Cognito in this process, so that
 * AdminGetUser, which can count towards Cognito's monthly-active-user billing, runs once at start,
 * after each write, and then no more often than the refresh interval.
 */
public final class UserStatusReads {

  private final Duration refreshInterval;
  private final Clock clock;
  private final Map<String, Instant> lastRead = new ConcurrentHashMap<>();

  public UserStatusReads(Duration refreshInterval, Clock clock) {
    this.refreshInterval = refreshInterval;
    this.clock = clock;
  }

  public boolean isDue(String user) {
    Instant last = lastRead.get(user);
    if (last == null) {
      return true;
    }
    return !refreshInterval.isZero() && !clock.instant().isBefore(last.plus(refreshInterval));
  }

  public void markRead(String user) {
    lastRead.put(user, clock.instant());
  }

  /** How long until the next periodic read; empty when periodic reads are off. */
  public Optional<Duration> untilDue(String user) {
    if (refreshInterval.isZero()) {
      return Optional.empty();
    }
    Instant last = lastRead.getOrDefault(user, clock.instant());
    Duration left = Duration.between(clock.instant(), last.plus(refreshInterval));
    return Optional.of(left.isNegative() ? Duration.ZERO : left);
  }

  public void forget(String user) {
    lastRead.remove(user);
  }
}
