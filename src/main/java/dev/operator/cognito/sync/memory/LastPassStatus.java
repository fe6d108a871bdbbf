package dev.operator.cognito.sync.memory;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status each CognitoUser's last pass built, and the resourceVersion that pass was handed. A
 * pass that starts right after a status patch can be handed the CognitoUser as it was before that
 * patch: the same resourceVersion. Building on that stale status would forget what the patch
 * recorded (the attributes and groups the operator set, which it alone may remove); such a pass
 * builds on the remembered status instead. A different resourceVersion means the CognitoUser was
 * written since (the patch itself among others), and what it holds is current.
 *
 * <p>Entries are only needed for the moment an informer lags behind a patch: only passes whose
 * status is patched leave one, and they are dropped after a while, so idle users cost nothing.
 */
public final class LastPassStatus {

  private static final Duration KEPT = Duration.ofMinutes(1);
  private static final int PRUNE_ABOVE = 1000;

  private record Entry(String handedVersion, CognitoUserStatus status, Instant at) {}

  private final Map<String, Entry> last = new ConcurrentHashMap<>();
  private final Clock clock;

  public LastPassStatus(Clock clock) {
    this.clock = clock;
  }

  /**
   * The CognitoUser a pass should work from: {@code handed} itself, or, if it is the very version
   * the last pass was handed, a view of it with the status that pass built.
   */
  public CognitoUser current(String key, CognitoUser handed) {
    Entry entry = last.get(key);
    String version = handed.getMetadata().getResourceVersion();
    if (entry == null
        || version == null
        || !version.equals(entry.handedVersion())
        || Objects.equals(entry.status(), handed.getStatus())) {
      return handed;
    }
    CognitoUser view = new CognitoUser();
    view.setMetadata(handed.getMetadata());
    view.setSpec(handed.getSpec());
    view.setStatus(entry.status().copy());
    return view;
  }

  public void record(String key, CognitoUser handed, CognitoUserStatus built) {
    String version = handed.getMetadata().getResourceVersion();
    if (version == null) {
      return;
    }
    Instant now = clock.instant();
    last.put(key, new Entry(version, built.copy(), now));
    if (last.size() > PRUNE_ABOVE) {
      last.values().removeIf(e -> e.at().isBefore(now.minus(KEPT)));
    }
  }

  public void forget(String key) {
    last.remove(key);
  }
}
