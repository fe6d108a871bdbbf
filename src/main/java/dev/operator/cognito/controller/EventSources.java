package dev.operator.cognito.controller;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.UserPoolGrant;
import dev.operator.cognito.controller.cache.ClaimsInCache;
import dev.operator.cognito.controller.cache.GrantsInCache;
import dev.operator.cognito.controller.cache.SecretChanges;
import dev.operator.cognito.controller.cache.SecretIndex;
import dev.operator.cognito.controller.cache.SecretsWithoutData;
import dev.operator.cognito.observability.UserMetrics;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What wakes a CognitoUser besides its own changes: its Secret (by an index of the Secrets
 * CognitoUsers reference, kept without their data), the grants and Namespace labels that decide its
 * pool, the deletion of an owner it queues behind, and its turn in the Cognito rate.
 */
public final class EventSources {

  private final SecretsWithoutData secretStore;
  private final SecretChanges secretChanges;
  private final GrantsInCache grantsInCache;
  private final ClaimsInCache claims;
  private final TurnEvents turns;
  private final UserMetrics metrics;
  private final Optional<String> secretLabelSelector;

  public EventSources(
      SecretsWithoutData secretStore,
      SecretChanges secretChanges,
      GrantsInCache grantsInCache,
      ClaimsInCache claims,
      TurnEvents turns,
      UserMetrics metrics,
      Optional<String> secretLabelSelector) {
    this.secretStore = secretStore;
    this.secretChanges = secretChanges;
    this.grantsInCache = grantsInCache;
    this.claims = claims;
    this.turns = turns;
    this.metrics = metrics;
    this.secretLabelSelector = secretLabelSelector;
  }

  List<EventSource<?, CognitoUser>> prepare(EventSourceContext<CognitoUser> context) {
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
    grantsInCache.readFrom(grants, namespaces);
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
}
