package dev.operator.cognito.support;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * CognitoUsers and UserPoolGrants as plain maps, as {@code kubectl} sees them: for fields that the
 * Java model may not (yet) have, such as a grant's {@code allowDeletion} or a status's {@code
 * claim}, and for writing a status by hand as anyone with rights on {@code cognitousers/status}
 * could.
 */
public final class Untyped {

  public static final ResourceDefinitionContext COGNITO_USERS =
      new ResourceDefinitionContext.Builder()
          .withGroup("cognito.operator.dev")
          .withVersion("v1alpha1")
          .withKind("CognitoUser")
          .withPlural("cognitousers")
          .withNamespaced(true)
          .build();

  public static final ResourceDefinitionContext USER_POOL_GRANTS =
      new ResourceDefinitionContext.Builder()
          .withGroup("cognito.operator.dev")
          .withVersion("v1alpha1")
          .withKind("UserPoolGrant")
          .withPlural("userpoolgrants")
          .withNamespaced(false)
          .build();

  private Untyped() {}

  /** The CognitoUser's status as stored (every field, known to the model or not); empty if none. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> status(KubernetesClient client, String namespace, String name) {
    GenericKubernetesResource user =
        client
            .genericKubernetesResources(COGNITO_USERS)
            .inNamespace(namespace)
            .withName(name)
            .get();
    Object status = user == null ? null : user.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> map
        ? new LinkedHashMap<>((Map<String, Object>) map)
        : new LinkedHashMap<>();
  }

  /** The CognitoUser's metadata.generation. */
  public static long generation(KubernetesClient client, String namespace, String name) {
    return client
        .genericKubernetesResources(COGNITO_USERS)
        .inNamespace(namespace)
        .withName(name)
        .get()
        .getMetadata()
        .getGeneration();
  }

  /**
   * Writes the CognitoUser's status through the status subresource (PUT), as a tenant with rights
   * on {@code cognitousers/status} could: {@code edit} gets the stored status and returns the one
   * to write.
   */
  @SuppressWarnings("unchecked")
  public static void writeStatus(
      KubernetesClient client,
      String namespace,
      String name,
      UnaryOperator<Map<String, Object>> edit) {
    var resource =
        client.genericKubernetesResources(COGNITO_USERS).inNamespace(namespace).withName(name);
    GenericKubernetesResource user = resource.get();
    Object stored = user.getAdditionalProperties().get("status");
    Map<String, Object> status =
        stored instanceof Map<?, ?> map
            ? new LinkedHashMap<>((Map<String, Object>) map)
            : new LinkedHashMap<>();
    user.setAdditionalProperty("status", edit.apply(status));
    client
        .genericKubernetesResources(COGNITO_USERS)
        .inNamespace(namespace)
        .resource(user)
        .updateStatus();
  }

  /**
   * A UserPoolGrant for {@code namespaces} and {@code pools} with {@code more} spec fields (such as
   * {@code allowDeletion}), whether the Java model knows them or not.
   */
  public static GenericKubernetesResource grant(
      KubernetesClient client,
      String name,
      List<String> namespaces,
      List<String> pools,
      Map<String, Object> more) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("namespaces", namespaces);
    spec.put("userPools", pools);
    spec.putAll(more);
    GenericKubernetesResource grant = new GenericKubernetesResource();
    grant.setApiVersion("cognito.operator.dev/v1alpha1");
    grant.setKind("UserPoolGrant");
    grant.setMetadata(new ObjectMetaBuilder().withName(name).build());
    grant.setAdditionalProperty("spec", spec);
    return client.genericKubernetesResources(USER_POOL_GRANTS).resource(grant).create();
  }

  public static void deleteGrant(KubernetesClient client, String name) {
    client.genericKubernetesResources(USER_POOL_GRANTS).withName(name).delete();
  }
}
