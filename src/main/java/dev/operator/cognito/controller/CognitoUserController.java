package dev.operator.cognito.controller;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.DeletionPolicy;
import dev.operator.cognito.controller.cache.SecretChanges;
import dev.operator.cognito.observability.UserMetrics;
import dev.operator.cognito.sync.Deletion;
import dev.operator.cognito.sync.UserSync;
import dev.operator.cognito.sync.pass.SyncResult;
import dev.operator.cognito.sync.pass.UserEvent;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * Connects {@link UserSync} to the operator framework: events in (see {@link EventSources}), status
 * patches and Kubernetes Events out, and the finalizer that deletionPolicy Delete needs, present
 * only while it does.
 *
 * <p>The framework is told to pass on every event (so deletions and the reconcile-requested
 * annotation reach the reconciler) except status-only updates, which the operator makes itself.
 */
@ControllerConfiguration(
    name = CognitoUserController.NAME,
    generationAwareEventProcessing = false,
    triggerReconcilerOnAllEvents = true,
    informer = @Informer(onUpdateFilter = NotOnlyStatusChanged.class))
public class CognitoUserController implements Reconciler<CognitoUser> {

  public static final String NAME = "cognitouser";

  /** Holds a CognitoUser whose deletionPolicy is Delete until its Cognito user is deleted. */
  public static final String FINALIZER = "cognito.operator.dev/delete-user";

  private final UserSync sync;
  private final UserEventRecorder events;
  private final UserMetrics metrics;
  private final SecretChanges secretChanges;
  private final EventSources sources;
  private final ReferencedSecret secrets;

  public CognitoUserController(
      UserSync sync,
      UserEventRecorder events,
      UserMetrics metrics,
      SecretChanges secretChanges,
      EventSources sources,
      ReferencedSecret secrets) {
    this.sync = sync;
    this.events = events;
    this.metrics = metrics;
    this.secretChanges = secretChanges;
    this.sources = sources;
    this.secrets = secrets;
  }

  @Override
  public List<EventSource<?, CognitoUser>> prepareEventSources(
      EventSourceContext<CognitoUser> context) {
    return sources.prepare(context);
  }

  @Override
  public UpdateControl<CognitoUser> reconcile(CognitoUser user, Context<CognitoUser> context) {
    MDC.put("cognitouser", user.getMetadata().getNamespace() + "/" + user.getMetadata().getName());
    try {
      if (context.isPrimaryResourceDeleted()) {
        forget(user);
        return UpdateControl.noUpdate();
      }
      if (user.isMarkedForDeletion()) {
        return onDeletion(user, context);
      }
      CognitoUser current = withFinalizerAsPolicySays(user, context);
      return pass(current, context);
    } finally {
      MDC.remove("cognitouser");
    }
  }

  /**
   * The finalizer is there only while deletionPolicy is Delete: a CognitoUser that retains its user
   * is never held up by an operator that is not running.
   */
  private CognitoUser withFinalizerAsPolicySays(CognitoUser user, Context<CognitoUser> context) {
    if (user.getSpec() == null || user.getSpec().unreadable().isPresent()) {
      return user; // what the spec asks for is not known: leave the finalizers as they are
    }
    // an observed user is never deleted, whatever deletionPolicy says
    boolean wanted =
        user.getSpec().deletionPolicyOrDefault() == DeletionPolicy.Delete
            && !user.getSpec().isObserveOnly();
    boolean present = user.hasFinalizer(FINALIZER);
    if (wanted && !present) {
      return PrimaryUpdateAndCacheUtils.addFinalizer(context, FINALIZER);
    }
    if (!wanted && present) {
      return PrimaryUpdateAndCacheUtils.removeFinalizer(context, FINALIZER);
    }
    return user;
  }

  private UpdateControl<CognitoUser> onDeletion(CognitoUser user, Context<CognitoUser> context) {
    if (!user.hasFinalizer(FINALIZER)) {
      return UpdateControl.noUpdate(); // nothing of ours holds it
    }
    Deletion deletion = sync.delete(user);
    if (deletion instanceof Deletion.Failed failed) {
      SyncResult result = failed.result();
      result.events().forEach(event -> events.record(user, event));
      return withStatus(user, result, context);
    }
    String message =
        deletion instanceof Deletion.Done done
            ? done.message()
            : ((Deletion.Skipped) deletion).message();
    events.record(
        user,
        new UserEvent(
            deletion instanceof Deletion.Done ? UserEvent.Type.Normal : UserEvent.Type.Warning,
            deletion instanceof Deletion.Done ? "UserDeleted" : "UserRetained",
            message));
    PrimaryUpdateAndCacheUtils.removeFinalizer(context, FINALIZER);
    return UpdateControl.noUpdate();
  }

  /** Drops what is kept for a CognitoUser that is gone: a new one of that name inherits none. */
  private void forget(CognitoUser user) {
    sync.forget(UserSync.stateKey(user));
    secretChanges.forget(ResourceID.fromResource(user));
  }

  private UpdateControl<CognitoUser> pass(CognitoUser user, Context<CognitoUser> context) {
    ResourceID id = ResourceID.fromResource(user);
    Optional<Instant> secretChangeSeen = secretChanges.pendingFor(id);
    SyncResult result = sync.sync(user, secrets.of(user));
    result.events().forEach(event -> events.record(user, event));
    result.passwordWrite().ifPresent(metrics::passwordWritten);
    Optional<Duration> sinceSeen = secretChanges.handled(id, secretChangeSeen);
    if (result.passwordWrite().filter(SyncResult.WRITE_SUCCEEDED::equals).isPresent()) {
      sinceSeen.ifPresent(metrics::rotationApplied);
    }
    return withStatus(user, result, context);
  }

  /**
   * Patches the status the pass built, if it differs, and caches the patched CognitoUser for the
   * next pass (the framework's read-your-own-writes): a pass that starts right after this one is
   * handed the CognitoUser with this status, not the one from before the patch.
   */
  private static UpdateControl<CognitoUser> withStatus(
      CognitoUser user, SyncResult result, Context<CognitoUser> context) {
    if (!result.status().equals(user.getStatus())) {
      CognitoUserStatus status = result.status();
      try {
        PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(
            user,
            context,
            patched -> {
              patched.setStatus(status);
              return patched;
            });
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e;
        }
        // deleted during the pass (a real API server says so): no status to record, and the
        // delete event forgets what was kept for it
        return UpdateControl.noUpdate();
      }
    }
    UpdateControl<CognitoUser> control = UpdateControl.noUpdate();
    result.retryAfter().ifPresent(control::rescheduleAfter);
    return control;
  }
}
