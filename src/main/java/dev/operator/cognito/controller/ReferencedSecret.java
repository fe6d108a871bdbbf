package dev.operator.cognito.controller;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.controller.cache.SecretIndex;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** Reads the Secret a CognitoUser references, from the API server, within the label selector. */
public final class ReferencedSecret {

  private final KubernetesClient client;
  private final Optional<String> secretLabelSelector;

  public ReferencedSecret(KubernetesClient client, Optional<String> secretLabelSelector) {
    this.client = client;
    this.secretLabelSelector = secretLabelSelector;
  }

  /**
   * The referenced Secret itself, read now. The informer's copy holds no data, and a Secret that
   * became referenced after its last event is not in the informer's cache at all, so the cache
   * cannot tell that a Secret is missing: only the API server can.
   */
  Optional<Secret> of(CognitoUser user) {
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
}
