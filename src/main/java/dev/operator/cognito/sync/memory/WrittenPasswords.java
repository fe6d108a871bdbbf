package dev.operator.cognito.sync.memory;

import dev.operator.cognito.api.AppliedPassword;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last password record this process wrote for each CognitoUser (by uid). The status is the
 * record that survives a restart, but a pass that starts right after a status patch can be handed
 * the CognitoUser as it was before that patch; this memory keeps such a pass from writing the same
 * password again.
 */
public final class WrittenPasswords {

  private final Map<String, AppliedPassword> written = new ConcurrentHashMap<>();

  /** What this process recorded for {@code key}, if it was for this very fingerprint. */
  public Optional<AppliedPassword> matching(String key, String fingerprint) {
    return Optional.ofNullable(written.get(key))
        .filter(a -> fingerprint.equals(a.getFingerprint()));
  }

  /** The last record this process wrote for {@code key}, whatever its fingerprint. */
  public Optional<AppliedPassword> latest(String key) {
    return Optional.ofNullable(written.get(key));
  }

  public void record(String key, AppliedPassword applied) {
    written.put(key, applied);
  }

  public void forget(String key) {
    written.remove(key);
  }
}
