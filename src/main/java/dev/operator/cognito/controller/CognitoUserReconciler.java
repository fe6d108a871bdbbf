package dev.operator.cognito.controller;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.DeletionPolicy;
import dev.operator.cognito.api.UserPoolGrant;
import dev.operator.cognito.aws.CognitoGateway;
import dev.operator.cognito.aws.RegionPolicy;
import dev.operator.cognito.config.OperatorConfig;
import dev.operator.cognito.controller.cache.ClaimsInCache;
import dev.operator.cognito.controller.cache.GrantedPools;
import dev.operator.cognito.controller.cache.SecretChanges;
import dev.operator.cognito.controller.cache.SecretIndex;
import dev.operator.cognito.controller.cache.SecretsWithoutData;
import dev.operator.cognito.fingerprint.PasswordFingerprinter;
import dev.operator.cognito.grants.PoolGrants;
import dev.operator.cognito.observability.UserMetrics;
import dev.operator.cognito.sync.Deletion;
import dev.operator.cognito.sync.SyncWiring;
import dev.operator.cognito.sync.UserSync;
import dev.operator.cognito.sync.check.TargetValidator;
import dev.operator.cognito.sync.claim.ClaimSeal;
import dev.operator.cognito.sync.memory.RetryBackoff;
import dev.operator.cognito.sync.memory.UserStatusReads;
import dev.operator.cognito.sync.pass.SyncResult;
import dev.operator.cognito.sync.pass.UserEvent;
import dev.operator.cognito.sync.status.StatusConditions;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.MDC;

/**
 * Connects {@link UserSync} to the operator framework: events in, status patches out, and the
 * finalizer that deletionPolicy Delete needs, present only while it does.
 *
 * <p>The framework is told to pass on every event (so deletions and the reconcile-requested
 * annotation reach the reconciler) except status-only updates, which the operator makes itself.
 */
@ControllerConfiguration(
    name = CognitoUserReconciler.NAME,
    generationAwareEventProcessing = false,
    triggerReconcilerOnAllEvents = true,
    informer = @Informer(onUpdateFilter = NotOnlyStatusChanged.class))
public class CognitoUserReconciler implements Reconciler<CognitoUser> {

  public static final String NAME = "cognitouser";

  /** Holds a CognitoUser whose deletionPolicy is Delete until its Cognito user is deleted. */
  public static final String FINALIZER = "cognito.operator.dev/delete-user";

  private final UserSync sync;
  private final UserEventRecorder events;
  private final UserMetrics metrics;
  private final SecretChanges secretChanges;
  private final GrantedPools grantedPools;
  private final SecretsWithoutData secretStore = new SecretsWithoutData();
  private final KubernetesClient client;
  private final java.util.Optional<String> secretLabelSelector;
  private final ClaimsInCache claims;
  private final TurnEvents turns;

  CognitoUserReconciler(
      UserSync sync,
      UserEventRecorder events,
      UserMetrics metrics,
      SecretChanges changes,
      GrantedPools grantedPools,
      KubernetesClient client,
      java.util.Optional<String> secretLabelSelector,
      ClaimsInCache claims,
      TurnEvents turns) {
    this.sync = sync;
    this.events = events;
    this.metrics = metrics;
    this.secretChanges = changes;
    this.grantedPools = grantedPools;
    this.client = client;
    this.secretLabelSelector = secretLabelSelector;
    this.claims = claims;
    this.turns = turns;
  }

  /**
   * Wires the reconciler's parts; {@code instance} names this replica in Events, and {@code turns}
   * is where {@code cognito} wakes the CognitoUsers whose deferred writes' turns have come.
   */
  public static CognitoUserReconciler create(
      CognitoGateway cognito,
      TurnEvents turns,
      PasswordFingerprinter fingerprinter,
      KubernetesClient client,
      OperatorConfig config,
      Clock clock,
      String instance,
      UserMetrics metrics) {
    GrantedPools grantedPools = new GrantedPools(new PoolGrants(config.grantMode()));
    ClaimsInCache claims = new ClaimsInCache(new ClaimSeal(fingerprinter), grantedPools);
    UserSync sync =
        SyncWiring.userSync(
            cognito,
            fingerprinter,
            new TargetValidator(RegionPolicy.of(config.allowedRegions()), grantedPools),
            claims,
            new StatusConditions(clock),
            new UserStatusReads(config.statusRefreshInterval(), clock),
            new RetryBackoff(
                config.retryInitialInterval(),
                config.retryMaxInterval(),
                ThreadLocalRandom.current()::nextDouble),
            config.recheckInterval(),
            clock);
    return new CognitoUserReconciler(
        sync,
        new UserEventRecorder(client, clock, instance),
        metrics,
        new SecretChanges(clock),
        grantedPools,
        client,
        config.secretLabelSelector(),
        claims,
        turns);
  }

  @Override
  public List<EventSource<?, CognitoUser>> prepareEventSources(
      EventSourceContext<CognitoUser> context) {
    context.getPrimaryCache().addIndexer(SecretIndex.NAME, SecretIndex::keysOf);
    metrics.countFrom(() -> context.getPrimaryCache().list());
    claims.readFrom(context.getPrimaryCache());
    secretStore.keepOnly(
        secret -> !SecretIndex.usersOf(secret, context.getPrimaryCache()).isEmpty());
    var secretsBuilder =
        InformerEventSourceConfiguration.from(Secret.class, CognitoUser.class)
            .withName("password-secrets")
            // no Secret's data is kept in memory: only a MAC to notice that it changed
            .withItemStore(secretStore)
            .withSecondaryToPrimaryMapper(
                secret -> {
                  var users = SecretIndex.usersOf(secret, context.getPrimaryCache());
                  users.forEach(secretChanges::seen);
                  return users;
                })
            .withPrimaryToSecondaryMapper(SecretIndex::secretOf)
            // labels and annotations cannot change a password: skip those events altogether
            .withOnUpdateFilter(secretStore::dataChanged);
    secretLabelSelector.ifPresent(secretsBuilder::withLabelSelector);
    var secrets = secretsBuilder.build();
    // grants and namespaces are cluster-wide, whatever CognitoUsers are watched: a change to
    // either re-evaluates the CognitoUsers it can affect, at once
    var grants =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(UserPoolGrant.class, CognitoUser.class)
                .withName("user-pool-grants")
                .withWatchAllNamespaces()
                .withFollowControllerNamespacesChanges(false)
                .withSecondaryToPrimaryMapper(
                    grant ->
                        context
                            .getPrimaryCache()
                            .list()
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .build(),
            context);
    var namespaces =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Namespace.class, CognitoUser.class)
                .withName("namespaces")
                .withWatchAllNamespaces()
                .withFollowControllerNamespacesChanges(false)
                .withSecondaryToPrimaryMapper(
                    namespace ->
                        context
                            .getPrimaryCache()
                            .list(namespace.getMetadata().getName())
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                // only labels decide which grants select a namespace
                .withOnUpdateFilter(
                    (updated, old) ->
                        !Objects.equals(
                            updated.getMetadata().getLabels(), old.getMetadata().getLabels()))
                .build(),
            context);
    grantedPools.readFrom(grants, namespaces);
    // when an owner is deleted, the CognitoUsers queued behind it are looked at again at once
    var ownersGone =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(CognitoUser.class, CognitoUser.class)
                .withName("deleted-owners")
                .withOnAddFilter(user -> false)
                .withOnUpdateFilter((updated, old) -> false)
                .withSecondaryToPrimaryMapper(claims::queuedBehind)
                .build(),
            context);
    return List.of(
        new InformerEventSource<>(secrets, context), grants, namespaces, ownersGone, turns);
  }

  /**
   * The referenced Secret itself, read now. The informer's copy holds no data, and a Secret that
   * became referenced after its last event is not in the informer's cache at all, so the cache
   * cannot tell that a Secret is missing: only the API server can.
   */
  private Optional<Secret> referencedSecret(CognitoUser user) {
    return SecretIndex.secretOf(user).stream()
        .findFirst()
        .flatMap(
            id -> {
              var secrets = client.secrets().inNamespace(id.getNamespace().orElseThrow());
              if (secretLabelSelector.isEmpty()) {
                return Optional.ofNullable(secrets.withName(id.getName()).get());
              }
              // a Secret outside SECRET_LABEL_SELECTOR is not the operator's to read: the API
              // server applies the selector, with its own rules
              return secrets
                  .withLabelSelector(secretLabelSelector.get())
                  .withField("metadata.name", id.getName())
                  .list()
                  .getItems()
                  .stream()
                  .findFirst();
            });
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
    boolean wanted = user.getSpec().deletionPolicyOrDefault() == DeletionPolicy.Delete;
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
      return withStatus(user, result);
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
    events.recovered(user);
    secretChanges.forget(ResourceID.fromResource(user));
  }

  private UpdateControl<CognitoUser> pass(CognitoUser user, Context<CognitoUser> context) {
    ResourceID id = ResourceID.fromResource(user);
    Optional<Instant> secretChangeSeen = secretChanges.pendingFor(id);
    SyncResult result = sync.sync(user, referencedSecret(user));
    result.events().forEach(event -> events.record(user, event));
    if (result.status().condition("Ready").filter(c -> "True".equals(c.getStatus())).isPresent()) {
      events.recovered(user);
    }
    result.passwordWrite().ifPresent(metrics::passwordWritten);
    Optional<Duration> sinceSeen = secretChanges.handled(id, secretChangeSeen);
    if (result.passwordWrite().filter(SyncResult.WRITE_SUCCEEDED::equals).isPresent()) {
      sinceSeen.ifPresent(metrics::rotationApplied);
    }
    return withStatus(user, result);
  }

  private static UpdateControl<CognitoUser> withStatus(CognitoUser user, SyncResult result) {
    UpdateControl<CognitoUser> control;
    if (result.status().equals(user.getStatus())) {
      control = UpdateControl.noUpdate();
    } else {
      user.setStatus(result.status());
      control = UpdateControl.patchStatus(user);
    }
    result.retryAfter().ifPresent(control::rescheduleAfter);
    return control;
  }
}
