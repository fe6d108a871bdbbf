package dev.operator.cognito.sync.credential;

import dev.operator.cognito.aws.PoolPolicies.PasswordPolicy;
import dev.operator.cognito.aws.SecretValue;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Draws passwords from {@link SecureRandom}: every kind of character Cognito knows, at least one of
 * each, so that a password fits any pool's policy that its length fits.
 */
public final class PasswordGenerator {

  static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  static final String DIGITS = "0123456789";

  /**
   * Cognito's own symbol set, as its password policy defines it; a symbol outside it would not
   * count towards RequireSymbols.
   */
  static final String SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+-";

  private static final String[] KINDS = {UPPER, LOWER, DIGITS, SYMBOLS};
  private static final String ALL = UPPER + LOWER + DIGITS + SYMBOLS;

  private final SecureRandom random;

  public PasswordGenerator(SecureRandom random) {
    this.random = random;
  }

  /**
   * Why a password of this length cannot meet the pool's policy, if it cannot: the message gives
   * the pool's minimum.
   */
  public static Optional<String> unmet(int length, PasswordPolicy policy, String pool) {
    int kinds = KINDS.length;
    int needed = Math.max(policy.minimumLength(), kinds);
    if (length >= needed) {
      return Optional.empty();
    }
    return Optional.of(
        "passwordSecretRef.generate.length is "
            + length
            + ", but pool "
            + pool
            + " requires passwords of at least "
            + policy.minimumLength()
            + " characters; set a length of "
            + needed
            + " or more");
  }

  /** A fresh password of {@code length} characters, with at least one of every kind. */
  public SecretValue generate(int length) {
    if (length < KINDS.length) {
      throw new IllegalArgumentException("a password needs at least " + KINDS.length + " chars");
    }
    char[] password = new char[length];
    for (int i = 0; i < KINDS.length; i++) {
      password[i] = pick(KINDS[i]);
    }
    for (int i = KINDS.length; i < length; i++) {
      password[i] = pick(ALL);
    }
    // Fisher-Yates, so that the guaranteed kinds are not always at the front
    for (int i = length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      char c = password[i];
      password[i] = password[j];
      password[j] = c;
    }
    SecretValue value = new SecretValue(new String(password));
    java.util.Arrays.fill(password, '\0');
    return value;
  }

  private char pick(String from) {
    return from.charAt(random.nextInt(from.length()));
  }
}
