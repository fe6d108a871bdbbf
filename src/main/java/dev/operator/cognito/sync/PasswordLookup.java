package dev.operator.cognito.sync;

import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.aws.SecretValue;
import dev.operator.cognito.sync.pass.Refusal;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The password at passwordSecretRef, or the reason it cannot be had. */
public sealed interface PasswordLookup {

  record Found(SecretValue password) implements PasswordLookup {}

  /** Why there is no password to set: the one refusal type of a pass. */
  record Missing(Refusal refusal) implements PasswordLookup {

    Missing(ReadyReason reason, String message) {
      this(Refusal.needsChange(reason, message));
    }
  }

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
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      return new Missing(
          ReadyReason.PasswordNotUtf8,
          "Key '" + key + "' of Secret " + secretName + " is not valid base64 data");
    }
    String where = "Key '" + key + "' of Secret " + secretName;
    if (bytes.length > MAX_BYTES) {
      // decided on the bytes: a 1 MiB value is never decoded into a string
      return new Missing(
          ReadyReason.PasswordTooLong,
          where + " holds " + bytes.length + " bytes; Cognito takes at most 256 characters");
    }
    String password;
    try {
      password =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      // never turned into U+FFFD and sent: that would set a password nobody knows
      return new Missing(
          ReadyReason.PasswordNotUtf8,
          where + " is not valid UTF-8 text; store the password as UTF-8");
    }
    if (password.isBlank()) {
      return new Missing(
          ReadyReason.PasswordEmpty,
          where + (password.isEmpty() ? " is empty" : " holds only whitespace"));
    }
    if (password.codePointCount(0, password.length()) > MAX_CHARACTERS) {
      return new Missing(
          ReadyReason.PasswordTooLong,
          where
              + " holds "
              + password.codePointCount(0, password.length())
              + " characters; Cognito takes at most 256");
    }
    if (!password.equals(password.strip())) {
      boolean newline = password.endsWith("\n");
      return new Missing(
          ReadyReason.PasswordHasWhitespace,
          where
              + (newline
                  ? " ends with a newline, as `kubectl create secret --from-file` keeps one;"
                      + " write the file without it (printf '%s' ... > file) or use"
                      + " --from-literal"
                  : " begins or ends with whitespace, which Cognito would keep as part of the"
                      + " password; remove it from the Secret"));
    }
    return new Found(new SecretValue(password));
  }

  /** Cognito's limit on a password's length, in characters. */
  int MAX_CHARACTERS = 256;

  /** No 256-character password takes more than this in UTF-8. */
  int MAX_BYTES = 4 * 256;
}
