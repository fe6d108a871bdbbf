package dev.operator.cognito.reconciler;

import dev.operator.cognito.api.CognitoUserStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one pass of {@link PasswordSync} decided: the status to show, the Events to record, and when
 * to look again (empty: only when something changes).
 */
record SyncResult(
    CognitoUserStatus status, List<UserEvent> events, Optional<Duration> retryAfter) {}
