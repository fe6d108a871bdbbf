package dev.operator.cognito.fingerprint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fingerprints what was written to Cognito with HMAC-SHA256 under a key that only the operator
 * holds, so that someone who can read a CognitoUser but not its Secret cannot test guesses of the
 * password. The user's identity is part of the message, so two users with the same password get
 * unrelated fingerprints.
 */
public final class PasswordFingerprinter {

  private static final String VERSION = "v1";
  private static final String ALGORITHM = "HmacSHA256";

  /** The key and its MAC key, swapped together when the shared key changes. */
  private record Current(FingerprintKey key, SecretKeySpec macKey) {}

  private volatile Current current;

  public PasswordFingerprinter(FingerprintKey key) {
    use(key);
  }

  /** From now on, fingerprints are made with {@code key} (the one all replicas share). */
  public void use(FingerprintKey key) {
    this.current = new Current(key, new SecretKeySpec(key.encoded(), ALGORITHM));
  }

  /** The key fingerprints are made with now. */
  public FingerprintKey key() {
    return current.key();
  }

  /** What a fingerprint is of; every field takes part. */
  public record Subject(
      String namespace,
      String name,
      String region,
      String userPoolId,
      String username,
      boolean permanent,
      String password) {

    @Override
    public String toString() {
      // the password must never reach a log line through this record
      return "Subject[" + namespace + "/" + name + " " + userPoolId + "/" + username + "]";
    }
  }

  public String fingerprint(Subject subject) {
    return mac(
        VERSION,
        subject.namespace(),
        subject.name(),
        subject.region(),
        subject.userPoolId(),
        subject.username(),
        Boolean.toString(subject.permanent()),
        subject.password());
  }

  /**
   * A MAC of other things the operator must be able to trust when it reads them back from where
   * others can write (a claim in status): {@code purpose} keeps it apart from every fingerprint.
   */
  public String seal(String purpose, java.util.List<String> fields) {
    String[] all = new String[fields.size() + 2];
    all[0] = VERSION;
    all[1] = purpose;
    for (int i = 0; i < fields.size(); i++) {
      all[i + 2] = fields.get(i);
    }
    return mac(all);
  }

  private String mac(String... fields) {
    byte[] message = encode(fields);
    Current now = current;
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(now.macKey());
      byte[] digest = mac.doFinal(message);
      return VERSION
          + ":"
          + now.key().id()
          + ":"
          + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is missing from this JVM", e);
    }
  }

  /** True when the fingerprint was made with another key, so it can no longer be compared. */
  public boolean madeWithOtherKey(String fingerprint) {
    return fingerprint != null && !fingerprint.startsWith(VERSION + ":" + current.key().id() + ":");
  }

  // Length-prefixed fields: no choice of values can make two different subjects encode alike.
  private static byte[] encode(String... fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String field : fields) {
      byte[] bytes = (field == null ? "" : field).getBytes(StandardCharsets.UTF_8);
      out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }
}
