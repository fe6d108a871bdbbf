package dev.operator.cognito.fingerprint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** The HMAC key for password fingerprints, and a short public id that tells keys apart. */
public final class FingerprintKey {

  public static final int LENGTH_BYTES = 32;

  private final byte[] key;
  private final String id;

  public FingerprintKey(byte[] key) {
    if (key.length < LENGTH_BYTES) {
      throw new IllegalArgumentException(
          "fingerprint key must be at least " + LENGTH_BYTES + " bytes, got " + key.length);
    }
    this.key = key.clone();
    this.id = idOf(this.key);
  }

  public static FingerprintKey random(SecureRandom random) {
    byte[] key = new byte[LENGTH_BYTES];
    random.nextBytes(key);
    return new FingerprintKey(key);
  }

  public byte[] encoded() {
    return key.clone();
  }

  /** A digest of the key under a separate label: it names the key without revealing it. */
  public String id() {
    return id;
  }

  private static String idOf(byte[] key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("cognito-user-operator/key-id".getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(Arrays.copyOf(sha.digest(key), 4));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "FingerprintKey[" + id + "]";
  }
}
