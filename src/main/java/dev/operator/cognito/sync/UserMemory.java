package dev.operator.cognito.sync;

import dev.operator.cognito.sync.memory.LastPassStatus;
import dev.operator.cognito.sync.memory.RetryBackoff;
import dev.operator.cognito.sync.memory.UserStatusReads;
import dev.operator.cognito.sync.memory.WrittenPasswords;

/**
 * Everything this process keeps of each CognitoUser between passes, keyed by uid, with one {@link
 * #forget}: its retry backoff, when it was last read, an observation parked for a deferred write,
 * the last password record it wrote and the last status it built. None of it survives a restart,
 * and none of it decides a write alone: each only spares a call or a repeated write.
 */
public final class UserMemory {

  private final RetryBackoff backoff;
  private final UserStatusReads reads;
  private final UserObserver observer;
  private final WrittenPasswords written;
  private final LastPassStatus lastPass;

  UserMemory(
      RetryBackoff backoff,
      UserStatusReads reads,
      UserObserver observer,
      WrittenPasswords written,
      LastPassStatus lastPass) {
    this.backoff = backoff;
    this.reads = reads;
    this.observer = observer;
    this.written = written;
    this.lastPass = lastPass;
  }

  LastPassStatus lastPass() {
    return lastPass;
  }

  /** Drops all of it for a CognitoUser that is gone: a new one of that name inherits none. */
  public void forget(String key) {
    backoff.forget(key);
    reads.forget(key);
    observer.forget(key);
    written.forget(key);
    lastPass.forget(key);
  }
}
