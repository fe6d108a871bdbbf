package dev.operator.cognito.sync;

import dev.operator.cognito.sync.pass.SyncResult;

/** What deleting a CognitoUser whose deletionPolicy is Delete did to its Cognito user. */
public sealed interface Deletion {
  /** Deleted, or already gone: the finalizer may go. */
  record Done(String message) implements Deletion {}

  /** Not this CognitoUser's to delete; the finalizer may go, and the user stays. */
  record Skipped(String message) implements Deletion {}

  /** The delete failed: the finalizer stays, the status says why, and it is tried again. */
  record Failed(SyncResult result) implements Deletion {}
}
