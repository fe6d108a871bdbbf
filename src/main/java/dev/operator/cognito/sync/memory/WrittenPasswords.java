package dev.operator.cognito.sync.memory;

import dev.operator.cognito.api.AppliedPassword;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last password record this process wrote for each CognitoUser (by uid). The status is the
 * record that survives a restart, and the framework's read-your-own-writes cache hands the next
 * pass the status that was patched; but a status patch that fails (409, 429, 500: {@code
 * StatusPatchFaultsIT}) caches nothing, and the pass that is retried is handed the CognitoUser
 * without the record of a password Cognito already took. This memory keeps that pass from writing
 * the same password again.
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
