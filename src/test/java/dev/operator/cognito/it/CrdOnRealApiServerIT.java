package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.operator.cognito.support.RealApiServer;
import dev.operator.cognito.support.RealTestCluster;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CRDs under crds/ on a real kube-apiserver: applied as {@code kubectl apply -f crds/} would
 * (with the kubectl of the server's release), then good and bad objects, asserting the API server's
 * own refusals: its OpenAPI schema (patterns, required fields, enums, minimum items) and its CEL
 * rules (x-kubernetes-validations) on updates. The in-memory API server of the other integration
 * tests enforces none of this. Every object under deploy/examples/ must be accepted.
 */
class CrdOnRealApiServerIT {

  private static final String GROUP_VERSION = "cognito.operator.dev/v1alpha1";
  private static final String NAMESPACE = "crd-checks";

  /**
   * What the API server adds when the schema refuses an object: its CEL rules then run not at all
   * (which a user reads as a second error).
   */
  private static final String SCHEMA_FIRST =
      ", <nil>: Invalid value: null: some validation rules were not checked because the object was"
          + " invalid; correct the existing errors to complete validation]";

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private static RealApiServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void startTheApiServerAndApplyTheCrds() {
    server = RealApiServer.start();
    client = server.client();

    assertThat(RealTestCluster.applyCrds(server))
        .contains("customresourcedefinition.apiextensions.k8s.io/cognitousers.cognito.operator.dev")
        .contains(
            "customresourcedefinition.apiextensions.k8s.io/userpoolgrants.cognito.operator.dev");
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
  }

  @AfterAll
  static void stopTheApiServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aUserPoolIdThatIsNoPoolIdIsRefusedByTheSchemaPattern() {
    String message =
        refusal(() -> users().resource(user("bad-pool", "userPoolId: not a pool")).create());

    assertThat(message)
        .isEqualTo(
            "CognitoUser.cognito.operator.dev \"bad-pool\" is invalid: spec.userPoolId: Invalid"
                + " value: \"not a pool\": spec.userPoolId in body should match"
                + " '^[\\w-]+_[0-9a-zA-Z]+$'");
  }

  @Test
  void theUserPoolIdCannotChangeOnAnExistingUser() {
    users().resource(user("moves-pool", "")).create();

    String message =
        refusal(() -> edit("moves-pool", spec -> with(spec, "userPoolId", "eu-west-1_Other1")));

    assertThat(message)
        .isEqualTo(
            "CognitoUser.cognito.operator.dev \"moves-pool\" is invalid: spec.userPoolId: Invalid"
                + " value: \"eu-west-1_Other1\": spec.userPoolId is immutable: to move the user to"
                + " another pool, delete this CognitoUser and create a new one (with deletionPolicy"
                + " Retain, the default, the Cognito user stays in its pool)");
    assertThat(spec("moves-pool")).containsEntry("userPoolId", "us-west-2_AbC123");
  }

  @Test
  void theRegionCannotBeAddedChangedOrRemoved() {
    users().resource(user("no-region", "")).create();
    users().resource(user("has-region", "region: us-west-2")).create();

    String added = refusal(() -> edit("no-region", spec -> with(spec, "region", "eu-west-1")));
    String changed = refusal(() -> edit("has-region", spec -> with(spec, "region", "eu-west-1")));
    String removed = refusal(() -> edit("has-region", spec -> without(spec, "region")));

    String refusal =
        " is invalid: spec.region: Invalid value: spec.region cannot be set, changed or removed: to"
            + " move the user to another region, delete this CognitoUser and create a new one (with"
            + " deletionPolicy Retain, the default, the Cognito user stays where it is)";
    assertThat(added).isEqualTo("CognitoUser.cognito.operator.dev \"no-region\"" + refusal);
    assertThat(changed).isEqualTo("CognitoUser.cognito.operator.dev \"has-region\"" + refusal);
    assertThat(removed).isEqualTo("CognitoUser.cognito.operator.dev \"has-region\"" + refusal);
    assertThat(spec("no-region")).doesNotContainKey("region");
    assertThat(spec("has-region")).containsEntry("region", "us-west-2");
  }

  @Test
  void theUsernameMayChange() {
    users().resource(user("renamed", "")).create();

    edit("renamed", spec -> with(spec, "username", "diego.renamed@example.com"));

    assertThat(spec("renamed")).containsEntry("username", "diego.renamed@example.com");
  }

  @Test
  void aPasswordSecretRefWithoutANameIsRefused() {
    String message =
        refusal(
            () ->
                users()
                    .resource(
                        object(
                            """
                            apiVersion: cognito.operator.dev/v1alpha1
                            kind: CognitoUser
                            metadata: {name: nameless-secret}
                            spec:
                              userPoolId: us-west-2_AbC123
                              username: diego
                              passwordSecretRef: {key: password}
                            """))
                    .create());

    assertThat(message)
        .isEqualTo(
            "CognitoUser.cognito.operator.dev \"nameless-secret\" is invalid:"
                + " [spec.passwordSecretRef.name: Required value"
                + SCHEMA_FIRST);
  }

  @Test
  void anUnknownDeletionPolicyIsRefusedNamingTheKnownOnes() {
    String message =
        refusal(() -> users().resource(user("keep-policy", "deletionPolicy: Keep")).create());

    assertThat(message)
        .isEqualTo(
            "CognitoUser.cognito.operator.dev \"keep-policy\" is invalid: [spec.deletionPolicy:"
                + " Unsupported value: \"Keep\": supported values: \"Delete\", \"Retain\""
                + SCHEMA_FIRST);
  }

  @Test
  void aGrantWithoutPoolsIsRefused() {
    String missing =
        refusal(
            () ->
                grants()
                    .resource(
                        object(
                            """
                            apiVersion: cognito.operator.dev/v1alpha1
                            kind: UserPoolGrant
                            metadata: {name: no-pools}
                            spec: {namespaces: [team-a]}
                            """))
                    .create());
    String empty =
        refusal(
            () ->
                grants()
                    .resource(
                        object(
                            """
                            apiVersion: cognito.operator.dev/v1alpha1
                            kind: UserPoolGrant
                            metadata: {name: empty-pools}
                            spec: {namespaces: [team-a], userPools: []}
                            """))
                    .create());

    assertThat(missing)
        .isEqualTo(
            "UserPoolGrant.cognito.operator.dev \"no-pools\" is invalid: spec.userPools: Required"
                + " value");
    assertThat(empty)
        .isEqualTo(
            "UserPoolGrant.cognito.operator.dev \"empty-pools\" is invalid: spec.userPools: Invalid"
                + " value: 0: spec.userPools in body should have at least 1 items");
  }

  /**
   * Every object of deploy/examples/ of a kind this server serves is applied as {@code kubectl
   * apply --server-side} would, in the namespace it names (created first, as a user would have).
   * Argo CD's Applications are the only objects this server cannot know.
   */
  @Test
  void everyExampleIsAccepted() throws IOException {
    List<HasMetadata> examples = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("deploy", "examples"))) {
      for (Path file : files.filter(CrdOnRealApiServerIT::isYaml).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          examples.addAll(client.load(in).items());
        }
      }
    }
    List<String> notServed = new ArrayList<>();
    List<HasMetadata> served = new ArrayList<>();
    for (HasMetadata example : examples) {
      if (isServed(example)) {
        served.add(example);
      } else {
        notServed.add(example.getApiVersion() + " " + example.getKind());
      }
    }
    assertThat(notServed).allSatisfy(kind -> assertThat(kind).startsWith("argoproj.io/"));
    assertThat(served)
        .extracting(HasMetadata::getKind)
        .contains("CognitoUser", "UserPoolGrant", "Secret");

    TreeSet<String> namespaces = new TreeSet<>();
    served.stream()
        .map(example -> example.getMetadata().getNamespace())
        .filter(Objects::nonNull)
        .forEach(namespaces::add);
    for (String namespace : namespaces) {
      if (client.namespaces().withName(namespace).get() == null) {
        client
            .namespaces()
            .resource(
                new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
            .create();
      }
    }
    for (HasMetadata example : served) {
      HasMetadata applied =
          client.resource(example).fieldManager("kubectl").forceConflicts().serverSideApply();
      assertThat(applied.getMetadata().getUid())
          .as("%s %s", example.getKind(), example.getMetadata().getName())
          .isNotBlank();
    }
  }

  private boolean isServed(HasMetadata example) {
    try {
      APIResourceList resources = client.getApiResources(example.getApiVersion());
      return resources != null
          && resources.getResources().stream()
              .anyMatch(resource -> resource.getKind().equals(example.getKind()));
    } catch (KubernetesClientException notFound) {
      return false;
    }
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName().toString();
    return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  /** The API server's refusal of an invalid object: its message, after a 422 Unprocessable. */
  private static String refusal(ThrowingCallable request) {
    KubernetesClientException refused =
        catchThrowableOfType(KubernetesClientException.class, request);
    assertThat(refused).as("the API server refused the request").isNotNull();
    assertThat(refused.getCode()).as(refused.getMessage()).isEqualTo(422);
    return refused.getStatus().getMessage();
  }

  private static NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      users() {
    return client.genericKubernetesResources(GROUP_VERSION, "CognitoUser").inNamespace(NAMESPACE);
  }

  private static MixedOperation<GenericKubernetesResource, ?, Resource<GenericKubernetesResource>>
      grants() {
    return client.genericKubernetesResources(GROUP_VERSION, "UserPoolGrant");
  }

  /** A valid CognitoUser in {@link #NAMESPACE}, with one more line of spec (or a replaced one). */
  private static GenericKubernetesResource user(String name, String specLine) {
    GenericKubernetesResource user =
        object(
            """
            apiVersion: cognito.operator.dev/v1alpha1
            kind: CognitoUser
            metadata: {name: %s}
            spec:
              userPoolId: us-west-2_AbC123
              username: diego@example.com
              passwordSecretRef: {name: diego-password}
            """
                .formatted(name));
    if (!specLine.isEmpty()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> extra = YAML.unmarshal(specLine, Map.class);
      extra.forEach((key, value) -> spec(user).put(key, value));
    }
    return user;
  }

  private static GenericKubernetesResource object(String yaml) {
    GenericKubernetesResource object = YAML.unmarshal(yaml, GenericKubernetesResource.class);
    object.getMetadata().setNamespace(object.getKind().equals("CognitoUser") ? NAMESPACE : null);
    return object;
  }

  /** Replaces the user's spec (a PUT, as {@code kubectl apply} or an editor sends). */
  private static void edit(String name, UnaryOperator<Map<String, Object>> change) {
    GenericKubernetesResource user = users().withName(name).get();
    user.getAdditionalProperties().put("spec", change.apply(spec(user)));
    users().resource(user).update();
  }

  private static Map<String, Object> spec(String name) {
    return spec(users().withName(name).get());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource object) {
    return (Map<String, Object>) object.getAdditionalProperties().get("spec");
  }

  private static Map<String, Object> with(Map<String, Object> spec, String key, Object value) {
    spec.put(key, value);
    return spec;
  }

  private static Map<String, Object> without(Map<String, Object> spec, String key) {
    spec.remove(key);
    return spec;
  }
}
