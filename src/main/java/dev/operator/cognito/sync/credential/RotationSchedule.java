package dev.operator.cognito.sync.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a generated password is due for rotation: its interval after it was generated, less an
 * offset of up to a tenth of the interval (at most a day) that is the same for a CognitoUser every
 * time. Users created together so rotate spread over that window, and a restart or a new leader
 * computes the same moment.
 */
public final class RotationSchedule {

  /** The shortest interval: Cognito's write quota is shared with the application. */
  public static final Duration MINIMUM = Duration.ofHours(1);

  private static final Duration MAX_SPREAD = Duration.ofDays(1);
  private static final Pattern DURATION =
      Pattern.compile("^(?:([0-9]{1,6})h)?(?:([0-9]{1,6})m)?(?:([0-9]{1,6})s)?$");

  private RotationSchedule() {}

  /** 720h, 90m, 1h30m: the interval, or empty if it is not one. */
  public static Optional<Duration> parse(String every) {
    if (every == null || every.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = DURATION.matcher(every);
    if (!m.matches()) {
      return Optional.empty();
    }
    Duration d = Duration.ZERO;
    if (m.group(1) != null) {
      d = d.plusHours(Long.parseLong(m.group(1)));
    }
    if (m.group(2) != null) {
      d = d.plusMinutes(Long.parseLong(m.group(2)));
    }
    if (m.group(3) != null) {
      d = d.plusSeconds(Long.parseLong(m.group(3)));
    }
    return Optional.of(d);
  }

  /** When a password generated at {@code generatedAt} for the CognitoUser {@code uid} is due. */
  public static Instant due(Instant generatedAt, Duration every, String uid) {
    Duration window = every.dividedBy(10);
    if (window.compareTo(MAX_SPREAD) > 0) {
      window = MAX_SPREAD;
    }
    long early = (long) (window.toMillis() * fraction(uid));
    return generatedAt.plus(every).minusMillis(early);
  }

  /** A number in [0, 1) that depends only on the uid. */
  static double fraction(String uid) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(uid.getBytes(StandardCharsets.UTF_8));
      long bits = 0;
      for (int i = 0; i < 7; i++) {
        bits = (bits << 8) | (hash[i] & 0xff);
      }
      return bits / (double) (1L << 56);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
