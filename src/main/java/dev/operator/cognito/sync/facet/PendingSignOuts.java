package dev.operator.cognito.sync.facet;

import dev.operator.cognito.api.AppliedPassword;
import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.fingerprint.PasswordFingerprinter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The sign-out owed after a password the operator set (spec.signOutOnPasswordChange). The password
 * record in status carries it until it is made, so that a sign-out that failed is tried again
 * without setting the password again, even by another process. Status is a cache that others can
 * write, so the pending sign-out is sealed under the operator's key, bound to the CognitoUser's uid
 * and to the very write it follows: one that does not verify is dropped, never made.
 */
public final class PendingSignOuts {

  private static final String PURPOSE = "sign-out";

  private final PasswordFingerprinter keys;

  public PendingSignOuts(PasswordFingerprinter keys) {
    this.keys = keys;
  }

  /** {@code written}, with a sign-out owed after it. */
  AppliedPassword owed(CognitoUser user, AppliedPassword written) {
    return written.withSignOutPending(keys.seal(PURPOSE, fields(user, written)));
  }

  /** Whether the pending sign-out of {@code record} is one this operator recorded for this user. */
  boolean verifies(CognitoUser user, AppliedPassword record) {
    if (!record.owesSignOut() || record.getSignOutSeal() == null) {
      return false;
    }
    return MessageDigest.isEqual(
        record.getSignOutSeal().getBytes(StandardCharsets.UTF_8),
        keys.seal(PURPOSE, fields(user, record)).getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> fields(CognitoUser user, AppliedPassword record) {
    return List.of(
        String.valueOf(user.getMetadata().getUid()),
        String.valueOf(record.getFingerprint()),
        String.valueOf(record.getAppliedAt()));
  }
}
