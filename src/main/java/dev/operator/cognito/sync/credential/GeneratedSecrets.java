package dev.operator.cognito.sync.credential;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.aws.SecretValue;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a Secret the operator generated is marked, and how it is told from any other: the label, and
 * an ownerReference to the very CognitoUser (by uid) that it was made for. A Secret without both is
 * not the operator's to write.
 */
public final class GeneratedSecrets {

  /** Says that the operator made the Secret. */
  public static final String GENERATED_LABEL = "cognito.operator.dev/generated";

  /** When the operator last wrote a password into the Secret (RFC 3339). */
  public static final String GENERATED_AT = "cognito.operator.dev/password-generated-at";

  /**
   * On the CognitoUser, a new value asks for a rotation now; on the Secret, the value the operator
   * last rotated for. Kept on the Secret because the Secret's write is what rotates: a status lost
   * or stale after a restart cannot make the same request rotate twice.
   */
  public static final String ROTATE_REQUESTED_AT = "cognito.operator.dev/rotate-requested-at";

  private static final String KIND = "CognitoUser";

  private GeneratedSecrets() {}

  /** Whether the operator made this Secret for this CognitoUser. */
  public static boolean ownedBy(Secret secret, CognitoUser user) {
    ObjectMeta meta = secret.getMetadata();
    if (meta == null
        || meta.getLabels() == null
        || !"true".equals(meta.getLabels().get(GENERATED_LABEL))
        || meta.getOwnerReferences() == null) {
      return false;
    }
    String uid = user.getMetadata().getUid();
    return uid != null
        && meta.getOwnerReferences().stream()
            .anyMatch(
                ref ->
                    uid.equals(ref.getUid())
                        && KIND.equals(ref.getKind())
                        && Boolean.TRUE.equals(ref.getController()));
  }

  /** When the password in an operator-made Secret was written, if the Secret says. */
  public static Optional<Instant> generatedAt(Secret secret) {
    String at = annotation(secret, GENERATED_AT);
    if (at == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(at));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The rotation request the operator last handled for this Secret, if any. */
  public static Optional<String> handledRotateRequest(Secret secret) {
    return Optional.ofNullable(annotation(secret, ROTATE_REQUESTED_AT));
  }

  /** A new Secret holding a generated password, owned by the CognitoUser. */
  public static Secret create(
      CognitoUser owner,
      String name,
      String key,
      SecretValue password,
      Instant now,
      Map<String, String> selectorLabels) {
    Map<String, String> labels = new LinkedHashMap<>(selectorLabels);
    labels.put("app.kubernetes.io/managed-by", "cognito-user-operator");
    labels.put(GENERATED_LABEL, "true");
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(owner.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(Map.of(GENERATED_AT, now.toString()))
        .withOwnerReferences(ownerReference(owner))
        .endMetadata()
        .withType("Opaque")
        .withData(Map.of(key, encode(password)))
        .build();
  }

  /** The Secret's data value for a password. */
  public static String encode(SecretValue password) {
    return Base64.getEncoder().encodeToString(password.reveal().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Controller, so that the Secret is the CognitoUser's alone; no blockOwnerDeletion, which would
   * need a right on the CognitoUser's finalizers that the operator has no other use for.
   */
  private static OwnerReference ownerReference(CognitoUser owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(CognitoUser.GROUP + "/" + CognitoUser.VERSION)
        .withKind(KIND)
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .build();
  }

  private static String annotation(Secret secret, String name) {
    var annotations = secret.getMetadata() == null ? null : secret.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(name);
  }
}
