package dev.operator.cognito.sync.status;

import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.MfaStatus;
import dev.operator.cognito.aws.ObservedUser;
import dev.operator.cognito.sync.pass.PassContext;
import java.time.Instant;
import java.util.Optional;

/**
 * What the status says of the Cognito user: shown only for the user this CognitoUser owns, as this
 * pass last knew it, and nothing at all otherwise.
 */
public final class UserFacts {

  private UserFacts() {}

  /** The user's facts as this pass last knew them. */
  static void show(PassContext pass) {
    CognitoUserStatus next = pass.next();
    Optional<ObservedUser> user = pass.observed();
    if (user.isEmpty()) {
      forget(next);
      return;
    }
    ObservedUser u = user.get();
    next.setUserStatus(u.status());
    next.setSub(u.sub().orElse(null));
    next.setEnabled(u.enabled());
    next.setUserCreateDate(u.created().map(UserFacts::seconds).orElse(null));
    next.setUserLastModifiedDate(u.lastModified().map(UserFacts::seconds).orElse(null));
    next.setMfa(mfa(u));
  }

  /** What Cognito holds of the user's MFA; none when no kind is on or preferred. */
  private static MfaStatus mfa(ObservedUser user) {
    if (user.mfaEnabled().isEmpty() && user.preferredMfa().isEmpty()) {
      return null;
    }
    return new MfaStatus(
        user.mfaEnabled().stream().sorted().distinct().toList(), user.preferredMfa().orElse(null));
  }

  /** Everything the status can say of a user and of what the operator set on it. */
  public static void hide(CognitoUserStatus status) {
    forget(status);
    status.setCanonicalUsername(null);
    status.setManagedGroups(null);
    status.setManagedAttributes(null);
  }

  static void forget(CognitoUserStatus next) {
    next.setUserStatus(null);
    next.setSub(null);
    next.setEnabled(null);
    next.setUserCreateDate(null);
    next.setUserLastModifiedDate(null);
    next.setTemporaryPasswordExpiresAt(null);
    next.setMfa(null);
  }

  private static String seconds(Instant instant) {
    return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}
