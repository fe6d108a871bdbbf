package dev.operator.cognito.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.api.ReadyReason;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Odd and hostile Secret values: each has a defined outcome, and none is sent as it is. */
public class PasswordLookupTest {

  @Test
  void emptyAndWhitespaceOnlyValuesAreRefused() {
    assertRefused(bytes(""), ReadyReason.PasswordEmpty, "is empty");
    assertRefused(bytes(" \t\n"), ReadyReason.PasswordEmpty, "only whitespace");
  }

  @Test
  void theTrailingNewlineOfFromFileIsRefusedWithTheFix() {
    assertRefused(bytes("Passw0rd!\n"), ReadyReason.PasswordHasWhitespace, "--from-file");
    assertRefused(bytes("Passw0rd!\r\n"), ReadyReason.PasswordHasWhitespace, "newline");
    assertRefused(bytes(" Passw0rd!"), ReadyReason.PasswordHasWhitespace, "whitespace");
    assertRefused(bytes("Passw0rd! "), ReadyReason.PasswordHasWhitespace, "whitespace");
  }

  @Test
  void overLongValuesAreRefusedBeforeAnyCall() {
    assertThat(found(bytes("a".repeat(256)))).isTrue();
    assertRefused(bytes("a".repeat(257)), ReadyReason.PasswordTooLong, "257 characters");
    byte[] mebibyte = new byte[1024 * 1024];
    Arrays.fill(mebibyte, (byte) 'a');
    assertRefused(mebibyte, ReadyReason.PasswordTooLong, "1048576 bytes");
  }

  @Test
  void bytesThatAreNotUtf8AreRefusedNeverReplaced() {
    assertRefused(
        new byte[] {'P', 'a', (byte) 0xC3, (byte) 0x28, '1', '!'},
        ReadyReason.PasswordNotUtf8,
        "not valid UTF-8");
  }

  @Test
  void nonAsciiPasswordsAndInnerSpacesAreKeptExactly() {
    String password = "Pässwörd ñ 密码 1!";
    PasswordLookup lookup = lookup("password", bytes(password), null);
    assertThat(((PasswordLookup.Found) lookup).password().reveal().equals(password)).isTrue();
  }

  @Test
  void aBasicAuthSecretAndAKeyWithDotsWork() {
    Secret basicAuth =
        new SecretBuilder()
            .withNewMetadata()
            .withName("s")
            .endMetadata()
            .withType("kubernetes.io/basic-auth")
            .withData(Map.of("username", b64(bytes("ana")), "password", b64(bytes("Passw0rd!"))))
            .build();
    assertThat(
            PasswordLookup.in("ns", new PasswordSecretRef("s", null), Optional.of(basicAuth))
                instanceof PasswordLookup.Found)
        .isTrue();
    assertThat(lookup("app.password.v2", bytes("Passw0rd!"), "app.password.v2"))
        .isInstanceOf(PasswordLookup.Found.class);
  }

  private static void assertRefused(byte[] value, ReadyReason reason, String messagePart) {
    PasswordLookup lookup = lookup("password", value, null);
    assertThat(lookup).isInstanceOf(PasswordLookup.Missing.class);
    PasswordLookup.Missing missing = (PasswordLookup.Missing) lookup;
    assertThat(missing.refusal().reason()).isEqualTo(reason);
    assertThat(missing.refusal().message()).contains(messagePart);
  }

  private static boolean found(byte[] value) {
    return lookup("password", value, null) instanceof PasswordLookup.Found;
  }

  private static PasswordLookup lookup(String dataKey, byte[] value, String refKey) {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName("s")
            .endMetadata()
            .withData(Map.of(dataKey, b64(value)))
            .build();
    return PasswordLookup.in("ns", new PasswordSecretRef("s", refKey), Optional.of(secret));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String b64(byte[] value) {
    return Base64.getEncoder().encodeToString(value);
  }
}
