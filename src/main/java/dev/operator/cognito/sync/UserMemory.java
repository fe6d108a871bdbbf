package dev.operator.cognito.sync;

import dev.operator.cognito.sync.memory.RetryBackoff;
import dev.operator.cognito.sync.memory.UserStatusReads;
import dev.operator.cognito.sync.memory.WrittenPasswords;

/**
 * Everything this process keeps of each CognitoUser between passes, keyed by uid, with one {@link
 * #forget}: its retry backoff, when it was last read, an observation parked for a deferred write,
 * and the last password record it wrote. None of it survives a restart, and none of it decides a
 * write alone: each only spares a call or a repeated write. (What the last pass built is not kept
 * here: the controller patches the status through the framework's read-your-own-writes cache, so
 * the next pass is handed the CognitoUser with it.)
 */
public final class UserMemory {

  private final RetryBackoff backoff;
  private final UserStatusReads reads;
  private final UserObserver observer;
  private final WrittenPasswords written;

  UserMemory(
      RetryBackoff backoff,
      UserStatusReads reads,
      UserObserver observer,
      WrittenPasswords written) {
    this.backoff = backoff;
    this.reads = reads;
    this.observer = observer;
    this.written = written;
  }

  /** Drops all of it for a CognitoUser that is gone: a new one of that name inherits none. */
  public void forget(String key) {
    backoff.forget(key);
    reads.forget(key);
    observer.forget(key);
    written.forget(key);
  }
}
