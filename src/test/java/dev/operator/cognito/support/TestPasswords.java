package dev.operator.cognito.support;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes random passwords that meet Cognito's default policy, and remembers every one so that the
 * leak checks can look for them (in plain text and base64) wherever the operator writes.
 */
public final class TestPasswords {

  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final List<String> ISSUED = new CopyOnWriteArrayList<>();

  private TestPasswords() {}

  public static String next() {
    StringBuilder password = new StringBuilder("Pw#");
    for (int i = 0; i < 14; i++) {
      password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    password.append("7a");
    ISSUED.add(password.toString());
    return password.toString();
  }

  public static List<String> issued() {
    return List.copyOf(ISSUED);
  }

  /** Forms a password can take in text: as is and base64-encoded, as in a Secret's data. */
  public static List<String> leakForms(String password) {
    return List.of(
        password, Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The number (1-based, in issue order) of the first password found in the text, or 0. Only the
   * number is ever reported, so that a failing check does not print the password itself.
   */
  public static int firstLeakIn(String text) {
    List<String> all = issued();
    for (int i = 0; i < all.size(); i++) {
      for (String form : leakForms(all.get(i))) {
        if (text.contains(form)) {
          return i + 1;
        }
      }
    }
    return 0;
  }
}
