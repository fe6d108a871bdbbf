package dev.operator.cognito.sync;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.Condition;
import dev.operator.cognito.sync.pass.SyncResult;
import dev.operator.cognito.sync.pass.UserEvent;
import dev.operator.cognito.sync.status.StatusConditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The annotation {@code cognito.operator.dev/paused: "true"} stops every call for one CognitoUser,
 * reads included, and every write to its Secret: for an incident, or while someone works on the
 * user by hand. Ready stays as it was; a {@code Paused} condition says since when. The first pass
 * after it is removed reads the user afresh (see {@link Freshness#settled}).
 */
public final class Pause {

  public static final String ANNOTATION = "cognito.operator.dev/paused";

  private final StatusConditions conditions;

  Pause(StatusConditions conditions) {
    this.conditions = conditions;
  }

  public static boolean isPaused(CognitoUser user) {
    var annotations = user.getMetadata().getAnnotations();
    return annotations != null && "true".equalsIgnoreCase(annotations.get(ANNOTATION));
  }

  /** A deletion that waits for the pause to end: said once, in an Event. */
  SyncResult deletionWaits(CognitoUser user) {
    SyncResult paused = paused(user);
    List<UserEvent> events = new ArrayList<>(paused.events());
    events.add(
        new UserEvent(
            UserEvent.Type.Warning,
            "DeletionPaused",
            "the Cognito user is deleted (deletionPolicy Delete) once "
                + ANNOTATION
                + " is removed; the finalizer holds this CognitoUser until then"));
    return new SyncResult(paused.status(), events, Optional.empty(), Optional.empty());
  }

  /** The status as it was, with the Paused condition; an Event when the pause begins. */
  SyncResult paused(CognitoUser user) {
    CognitoUserStatus status =
        user.getStatus() == null ? new CognitoUserStatus() : user.getStatus().copy();
    if (status.condition(StatusConditions.PAUSED).isPresent()) {
      return new SyncResult(user.getStatus(), List.of(), Optional.empty(), Optional.empty());
    }
    List<Condition> all = new ArrayList<>(status.getConditions());
    String message =
        ANNOTATION
            + " is \"true\": the operator makes no call to Cognito and writes no Secret for this"
            + " CognitoUser until it is removed";
    all.add(
        new Condition(
            StatusConditions.PAUSED,
            "True",
            "Paused",
            message,
            conditions.now(),
            user.getMetadata().getGeneration()));
    status.setConditions(all);
    return new SyncResult(
        status,
        List.of(new UserEvent(UserEvent.Type.Normal, "Paused", message)),
        Optional.empty(),
        Optional.empty());
  }
}
