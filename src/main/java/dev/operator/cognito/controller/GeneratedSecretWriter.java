package dev.operator.cognito.controller;

import dev.operator.cognito.aws.SecretValue;
import dev.operator.cognito.sync.credential.GeneratedSecrets;
import dev.operator.cognito.sync.credential.SecretWriter;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;

/**
 * Writes generated passwords into Secrets through the API server: create for a new Secret, and a
 * merge patch that carries the resourceVersion it was decided on, so that the API server refuses it
 * (409) if anyone wrote the Secret in between.
 */
public final class GeneratedSecretWriter implements SecretWriter {

  private final KubernetesClient client;

  public GeneratedSecretWriter(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Secret create(Secret secret) throws Failed {
    try {
      return client
          .secrets()
          .inNamespace(secret.getMetadata().getNamespace())
          .resource(secret)
          .create();
    } catch (KubernetesClientException e) {
      throw failed(e, null);
    }
  }

  @Override
  public Secret update(
      Secret current, String key, SecretValue value, Map<String, String> annotations)
      throws Failed {
    Map<String, Object> patch =
        Map.of(
            "metadata",
            Map.of(
                "resourceVersion",
                current.getMetadata().getResourceVersion(),
                "annotations",
                annotations),
            "data",
            Map.of(key, GeneratedSecrets.encode(value)));
    try {
      return client
          .secrets()
          .inNamespace(current.getMetadata().getNamespace())
          .withName(current.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
    } catch (KubernetesClientException e) {
      throw failed(e, value);
    }
  }

  /** The API server's own words, never the request (which holds the password). */
  private static Failed failed(KubernetesClientException e, SecretValue value) {
    String said =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : "no answer from the API server";
    String message = "HTTP " + e.getCode() + ": " + (value == null ? said : value.scrub(said));
    return new Failed(message, e.getCode() == 409);
  }
}
