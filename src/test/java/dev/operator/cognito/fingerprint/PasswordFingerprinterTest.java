package dev.operator.cognito.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.fingerprint.PasswordFingerprinter.Subject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PasswordFingerprinterTest {

  private static final FingerprintKey KEY = new FingerprintKey(filled((byte) 7));
  private static final Subject SUBJECT =
      new Subject("team-a", "diego", "us-west-2", "us-west-2_X", "diego", true, "S3cret!pass");

  @Test
  void isStableForTheSameSubjectAndKey() {
    PasswordFingerprinter fingerprinter = new PasswordFingerprinter(KEY);

    assertThat(fingerprinter.fingerprint(SUBJECT)).isEqualTo(fingerprinter.fingerprint(SUBJECT));
    assertThat(fingerprinter.fingerprint(SUBJECT)).startsWith("v1:" + KEY.id() + ":");
  }

  @Test
  void changesWithEveryPartOfTheSubject() {
    PasswordFingerprinter f = new PasswordFingerprinter(KEY);
    String base = f.fingerprint(SUBJECT);

    assertThat(f.fingerprint(with("other-pass", true, "diego", "us-west-2_X", "diego")))
        .isNotEqualTo(base);
    assertThat(f.fingerprint(with("S3cret!pass", false, "diego", "us-west-2_X", "diego")))
        .isNotEqualTo(base);
    assertThat(f.fingerprint(with("S3cret!pass", true, "maria", "us-west-2_X", "diego")))
        .isNotEqualTo(base);
    assertThat(f.fingerprint(with("S3cret!pass", true, "diego", "us-west-2_Y", "diego")))
        .isNotEqualTo(base);
    assertThat(f.fingerprint(with("S3cret!pass", true, "diego", "us-west-2_X", "other-cr")))
        .isNotEqualTo(base);
  }

  @Test
  void fieldBoundariesCannotBeShifted() {
    PasswordFingerprinter f = new PasswordFingerprinter(KEY);
    Subject a = new Subject("ab", "c", "r", "p", "u", true, "pw");
    Subject b = new Subject("a", "bc", "r", "p", "u", true, "pw");

    assertThat(f.fingerprint(a)).isNotEqualTo(f.fingerprint(b));
  }

  @Test
  void anotherKeyGivesAnUnrelatedFingerprintAndIsRecognised() {
    PasswordFingerprinter first = new PasswordFingerprinter(KEY);
    PasswordFingerprinter second = new PasswordFingerprinter(new FingerprintKey(filled((byte) 8)));

    assertThat(second.fingerprint(SUBJECT)).isNotEqualTo(first.fingerprint(SUBJECT));
    assertThat(second.madeWithOtherKey(first.fingerprint(SUBJECT))).isTrue();
    assertThat(first.madeWithOtherKey(first.fingerprint(SUBJECT))).isFalse();
  }

  @Test
  void holdsNeitherThePasswordNorAnUnkeyedHashOfIt() throws Exception {
    String fingerprint = new PasswordFingerprinter(KEY).fingerprint(SUBJECT);
    byte[] sha256 =
        MessageDigest.getInstance("SHA-256").digest("S3cret!pass".getBytes(StandardCharsets.UTF_8));

    assertThat(fingerprint)
        .doesNotContain("S3cret!pass")
        .doesNotContain(Base64.getEncoder().encodeToString("S3cret!pass".getBytes()))
        .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(sha256))
        .doesNotContain(HexFormat.of().formatHex(sha256));
    assertThat(SUBJECT.toString()).doesNotContain("S3cret!pass");
  }

  private static Subject with(
      String password, boolean permanent, String username, String pool, String name) {
    return new Subject("team-a", name, "us-west-2", pool, username, permanent, password);
  }

  private static byte[] filled(byte b) {
    byte[] key = new byte[32];
    Arrays.fill(key, b);
    return key;
  }
}
