package dev.operator.cognito.controller.cache;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.PasswordSecretRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Indexes CognitoUsers by the Secret they read, so a Secret event reaches exactly the users that
 * depend on it. Keys pair the user's own namespace with the Secret's name: a Secret in another
 * namespace never matches.
 */
public final class SecretIndex {

  public static final String NAME = "cognitouser-by-password-secret";

  private SecretIndex() {}

  public static List<String> keysOf(CognitoUser user) {
    return secretName(user)
        .map(name -> List.of(key(user.getMetadata().getNamespace(), name)))
        .orElse(List.of());
  }

  public static Set<ResourceID> usersOf(Secret secret, IndexedResourceCache<CognitoUser> users) {
    return users
        .byIndex(NAME, key(secret.getMetadata().getNamespace(), secret.getMetadata().getName()))
        .stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  public static Set<ResourceID> secretOf(CognitoUser user) {
    return secretName(user)
        .map(name -> Set.of(new ResourceID(name, user.getMetadata().getNamespace())))
        .orElse(Set.of());
  }

  // every CognitoUser is indexed, including ones whose spec lacks required fields
  private static Optional<String> secretName(CognitoUser user) {
    return Optional.ofNullable(user.getSpec())
        .map(CognitoUserSpec::getPasswordSecretRef)
        .map(PasswordSecretRef::getName);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
