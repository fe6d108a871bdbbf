package dev.operator.cognito.controller.cache;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the operator first saw a Secret change that a CognitoUser has not yet acted on, so that the
 * time until Cognito accepts the password can be measured. A pass takes what was pending when it
 * started and clears exactly that, so a change seen during the pass waits for the next one.
 */
public final class SecretChanges {

  private final Clock clock;
  private final Map<ResourceID, Instant> pending = new ConcurrentHashMap<>();

  public SecretChanges(Clock clock) {
    this.clock = clock;
  }

  public void seen(ResourceID user) {
    pending.putIfAbsent(user, clock.instant());
  }

  public Optional<Instant> pendingFor(ResourceID user) {
    return Optional.ofNullable(pending.get(user));
  }

  /** Clears what {@link #pendingFor} returned; the time since then, if there was anything. */
  public Optional<Duration> handled(ResourceID user, Optional<Instant> seenAt) {
    seenAt.ifPresent(at -> pending.remove(user, at));
    return seenAt.map(at -> Duration.between(at, clock.instant()));
  }

  public void forget(ResourceID user) {
    pending.remove(user);
  }
}
