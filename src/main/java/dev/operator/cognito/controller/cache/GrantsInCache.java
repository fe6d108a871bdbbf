package dev.operator.cognito.controller.cache;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.UserPoolGrant;
import dev.operator.cognito.grants.PoolAccess;
import dev.operator.cognito.grants.PoolGrants;
import dev.operator.cognito.sync.check.PoolAccessCheck;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Map;
import java.util.Optional;

/**
 * {@link PoolAccessCheck} over the operator's caches of UserPoolGrants and Namespaces, which the
 * reconciler's event sources fill (and which wake the affected CognitoUsers when they change).
 */
public final class GrantsInCache implements PoolAccessCheck {

  private final PoolGrants grants;
  private volatile InformerEventSource<UserPoolGrant, CognitoUser> grantCache;
  private volatile InformerEventSource<Namespace, CognitoUser> namespaceCache;

  public GrantsInCache(PoolGrants grants) {
    this.grants = grants;
  }

  public void readFrom(
      InformerEventSource<UserPoolGrant, CognitoUser> grantCache,
      InformerEventSource<Namespace, CognitoUser> namespaceCache) {
    this.grantCache = grantCache;
    this.namespaceCache = namespaceCache;
  }

  @Override
  public PoolAccess accessFor(CognitoUser user) {
    String namespace = user.getMetadata().getNamespace();
    Map<String, String> labels =
        namespaceCache
            .get(new ResourceID(namespace))
            .map(n -> n.getMetadata().getLabels())
            .map(Map::copyOf)
            .orElse(Map.of());
    return grants.decide(
        namespace,
        labels,
        Optional.ofNullable(user.getSpec()).map(s -> s.getUserPoolId()).orElse(null),
        grantCache.list(g -> true).toList());
  }
}
