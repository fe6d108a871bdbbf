package dev.operator.cognito.reconciler;

import dev.operator.cognito.api.CognitoUser;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Indexes CognitoUsers by the Secret they read, so a Secret event reaches exactly the users that
 * depend on it. Keys pair the user's own namespace with the Secret's name: a Secret in another
 * namespace never matches.
 */
final class SecretIndex {

  static final String NAME = "cognitouser-by-password-secret";

  private SecretIndex() {}

  static List<String> keysOf(CognitoUser user) {
    if (user.getSpec() == null
        || user.getSpec().getPasswordSecretRef() == null
        || user.getSpec().getPasswordSecretRef().getName() == null) {
      return List.of();
    }
    return List.of(
        key(user.getMetadata().getNamespace(), user.getSpec().getPasswordSecretRef().getName()));
  }

  static Set<ResourceID> usersOf(Secret secret, IndexedResourceCache<CognitoUser> users) {
    return users
        .byIndex(NAME, key(secret.getMetadata().getNamespace(), secret.getMetadata().getName()))
        .stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  static Set<ResourceID> secretOf(CognitoUser user) {
    return keysOf(user).isEmpty()
        ? Set.of()
        : Set.of(
            new ResourceID(
                user.getSpec().getPasswordSecretRef().getName(),
                user.getMetadata().getNamespace()));
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
