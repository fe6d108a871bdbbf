package dev.operator.cognito.sync.pass;

import dev.operator.cognito.api.CognitoUserStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one pass of {@code UserSync} decided: the status to show, the Events to record, when to look
 * again (empty: only when something changes), and, if it called AdminSetUserPassword, how that went
 * ({@code success} or the failure's reason).
 */
public record SyncResult(
    CognitoUserStatus status,
    List<UserEvent> events,
    Optional<Duration> retryAfter,
    Optional<String> passwordWrite) {

  public static final String WRITE_SUCCEEDED = "success";
}
