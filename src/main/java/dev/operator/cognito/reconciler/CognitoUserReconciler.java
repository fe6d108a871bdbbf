package dev.operator.cognito.reconciler;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.cognito.CognitoGateway;
import dev.operator.cognito.config.OperatorConfig;
import dev.operator.cognito.fingerprint.PasswordFingerprinter;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/** Connects {@link PasswordSync} to the operator framework: events in, status patches out. */
@ControllerConfiguration(name = CognitoUserReconciler.NAME)
public class CognitoUserReconciler implements Reconciler<CognitoUser> {

  public static final String NAME = "cognitouser";

  private final PasswordSync sync;
  private final UserEventRecorder events;

  CognitoUserReconciler(PasswordSync sync, UserEventRecorder events) {
    this.sync = sync;
    this.events = events;
  }

  /** Wires the reconciler's parts; {@code instance} names this replica in Events. */
  public static CognitoUserReconciler create(
      CognitoGateway cognito,
      PasswordFingerprinter fingerprinter,
      KubernetesClient client,
      OperatorConfig config,
      Clock clock,
      String instance) {
    PasswordSync sync =
        new PasswordSync(
            cognito,
            fingerprinter,
            new StatusConditions(clock),
            new UserStatusReads(config.statusRefreshInterval(), clock),
            new RetryBackoff(
                config.retryInitialInterval(),
                config.retryMaxInterval(),
                ThreadLocalRandom.current()::nextDouble),
            config.recheckInterval());
    return new CognitoUserReconciler(sync, new UserEventRecorder(client, clock, instance));
  }

  @Override
  public List<EventSource<?, CognitoUser>> prepareEventSources(
      EventSourceContext<CognitoUser> context) {
    context.getPrimaryCache().addIndexer(SecretIndex.NAME, SecretIndex::keysOf);
    var secrets =
        InformerEventSourceConfiguration.from(Secret.class, CognitoUser.class)
            .withName("password-secrets")
            .withSecondaryToPrimaryMapper(
                secret -> SecretIndex.usersOf(secret, context.getPrimaryCache()))
            .withPrimaryToSecondaryMapper(SecretIndex::secretOf)
            // labels and annotations cannot change a password: skip those events altogether
            .withOnUpdateFilter((updated, old) -> !Objects.equals(updated.getData(), old.getData()))
            .build();
    return List.of(new InformerEventSource<>(secrets, context));
  }

  @Override
  public UpdateControl<CognitoUser> reconcile(CognitoUser user, Context<CognitoUser> context) {
    MDC.put("cognitouser", user.getMetadata().getNamespace() + "/" + user.getMetadata().getName());
    try {
      SyncResult result = sync.sync(user, context.getSecondaryResource(Secret.class));
      result.events().forEach(event -> events.record(user, event));
      UpdateControl<CognitoUser> control;
      if (result.status().equals(user.getStatus())) {
        control = UpdateControl.noUpdate();
      } else {
        user.setStatus(result.status());
        control = UpdateControl.patchStatus(user);
      }
      result.retryAfter().ifPresent(control::rescheduleAfter);
      return control;
    } finally {
      MDC.remove("cognitouser");
    }
  }
}
