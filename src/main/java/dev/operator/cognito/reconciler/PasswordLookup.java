package dev.operator.cognito.reconciler;

import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.cognito.SecretValue;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The password at passwordSecretRef, or the reason it cannot be had. */
sealed interface PasswordLookup {

  record Found(SecretValue password) implements PasswordLookup {}

  record Missing(ReadyReason reason, String message) implements PasswordLookup {}

  static PasswordLookup in(String namespace, PasswordSecretRef ref, Optional<Secret> secret) {
    String secretName = namespace + "/" + ref.getName();
    if (secret.isEmpty()) {
      return new Missing(ReadyReason.SecretNotFound, "Secret " + secretName + " not found");
    }
    String key = ref.keyOrDefault();
    Map<String, String> data = secret.get().getData() == null ? Map.of() : secret.get().getData();
    String encoded = data.get(key);
    if (encoded == null) {
      return new Missing(
          ReadyReason.SecretKeyNotFound,
          "Secret "
              + secretName
              + " has no key '"
              + key
              + "' (it has: "
              + (data.isEmpty() ? "no keys" : String.join(", ", new TreeSet<>(data.keySet())))
              + ")");
    }
    String password = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    if (password.isEmpty()) {
      return new Missing(
          ReadyReason.PasswordEmpty, "Key '" + key + "' of Secret " + secretName + " is empty");
    }
    return new Found(new SecretValue(password));
  }
}
