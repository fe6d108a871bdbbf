package dev.operator.cognito.controller;

import dev.operator.cognito.api.CognitoUser;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.Cloner;

/**
 * The framework's copy of a resource, through the client's serialization, except that a CognitoUser
 * whose spec this version could not read keeps the note that says why: the copy would otherwise
 * look like a spec with its required fields missing.
 */
public final class UnreadableKeepingCloner implements Cloner {

  private final KubernetesClient client;

  public UnreadableKeepingCloner(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public <R extends HasMetadata> R clone(R object) {
    R copy = client.getKubernetesSerialization().clone(object);
    if (object instanceof CognitoUser user
        && user.getSpec() != null
        && user.getSpec().unreadable().isPresent()) {
      ((CognitoUser) copy).setSpec(user.getSpec());
    }
    return copy;
  }
}
