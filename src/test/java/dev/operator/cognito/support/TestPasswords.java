package dev.operator.cognito.support;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
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

  /** Every printable ASCII character but space, and letters beyond ASCII. */
  private static final String ALPHABET =
      "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
          + "éßøñüçåÆŁżЖπ";

  /** Characters that JSON, regular expressions and URLs escape: one of each kind in every one. */
  private static final String ESCAPED = "\"\\%+&?.*$^|/";

  private static final String PREFIX = "Pw7";
  private static final String PREFIX_BASE64 =
      Base64.getEncoder().encodeToString(PREFIX.getBytes(StandardCharsets.UTF_8));

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final List<String> ISSUED = new CopyOnWriteArrayList<>();

  private TestPasswords() {}

  /**
   * A password that meets Cognito's default policy (upper and lower case, a digit, a symbol), with
   * at least one character that JSON escapes, one that URLs encode, one that regular expressions
   * treat specially, and one beyond ASCII, so that a leak in any escaped form is found.
   */
  public static String next() {
    StringBuilder password = new StringBuilder(PREFIX);
    password.append(ESCAPED.charAt(RANDOM.nextInt(2))); // " or \
    password.append(ESCAPED.charAt(2 + RANDOM.nextInt(3))); // % + &
    password.append(ESCAPED.charAt(5 + RANDOM.nextInt(ESCAPED.length() - 5)));
    password.append("é");
    for (int i = 0; i < 12; i++) {
      password.appendCodePoint(ALPHABET.codePointAt(RANDOM.nextInt(ALPHABET.length())));
    }
    password.append("7a");
    ISSUED.add(password.toString());
    return password.toString();
  }

  /**
   * Puts a password the operator generated under the same leak checks as the tests' own: read from
   * its Secret by the test, never printed.
   */
  public static String observed(String generated) {
    if (!ISSUED.contains(generated)) {
      ISSUED.add(generated);
    }
    return generated;
  }

  public static List<String> issued() {
    return List.copyOf(ISSUED);
  }

  /**
   * Forms a password can take in text: as is, base64-encoded (as in a Secret's data), JSON-escaped
   * and URL-encoded.
   */
  public static List<String> leakForms(String password) {
    String urlEncoded = URLEncoder.encode(password, StandardCharsets.UTF_8);
    return List.of(
        password,
        Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)),
        new String(JsonStringEncoder.getInstance().quoteAsString(password)),
        urlEncoded,
        urlEncoded.replace("+", "%20"));
  }

  /**
   * The number (1-based, in issue order) of the first password found in the text, or 0. Only the
   * number is ever reported, so that a failing check does not print the password itself.
   */
  public static int firstLeakIn(String text) {
    // every password begins with PREFIX, and so does each of its forms but base64, which begins
    // with PREFIX's own base64: text with neither holds none of them, and most text has neither
    if (!text.contains(PREFIX) && !text.contains(PREFIX_BASE64)) {
      return 0;
    }
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
