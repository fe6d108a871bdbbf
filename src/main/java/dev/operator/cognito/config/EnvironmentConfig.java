package dev.operator.cognito.config;

import dev.operator.cognito.aws.RegionPolicy;
import dev.operator.cognito.aws.ratelimit.CognitoRates;
import dev.operator.cognito.grants.GrantMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads {@link OperatorConfig} from environment variables; every default lives here. */
public final class EnvironmentConfig {

  public static final String WATCH_NAMESPACES = "WATCH_NAMESPACES";
  public static final String STATUS_REFRESH_INTERVAL = "STATUS_REFRESH_INTERVAL";
  public static final String RECHECK_INTERVAL = "RECHECK_INTERVAL";
  public static final String RETRY_INITIAL_INTERVAL = "RETRY_INITIAL_INTERVAL";
  public static final String RETRY_MAX_INTERVAL = "RETRY_MAX_INTERVAL";
  public static final String COGNITO_WRITES_PER_SECOND = "COGNITO_WRITES_PER_SECOND";
  public static final String COGNITO_READS_PER_SECOND = "COGNITO_READS_PER_SECOND";
  public static final String COGNITO_CREATES_PER_SECOND = "COGNITO_CREATES_PER_SECOND";
  public static final String COGNITO_UPDATES_PER_SECOND = "COGNITO_UPDATES_PER_SECOND";
  public static final String COGNITO_GROUP_CHANGES_PER_SECOND = "COGNITO_GROUP_CHANGES_PER_SECOND";
  public static final String COGNITO_CALL_TIMEOUT = "COGNITO_CALL_TIMEOUT";
  public static final String OPERATOR_NAMESPACE = "OPERATOR_NAMESPACE";
  public static final String FINGERPRINT_KEY_SECRET = "FINGERPRINT_KEY_SECRET";
  public static final String HTTP_PORT = "HTTP_PORT";
  public static final String LEADER_ELECTION = "LEADER_ELECTION";
  public static final String LEADER_ELECTION_LEASE_NAME = "LEADER_ELECTION_LEASE_NAME";
  public static final String RECONCILE_THREADS = "RECONCILE_THREADS";
  public static final String LOG_FORMAT = "LOG_FORMAT";
  public static final String POD_NAME = "POD_NAME";
  public static final String ALLOWED_REGIONS = "ALLOWED_REGIONS";
  public static final String USER_POOL_GRANTS = "USER_POOL_GRANTS";
  public static final String SECRET_LABEL_SELECTOR = "SECRET_LABEL_SELECTOR";
  public static final String GENERATED_PASSWORDS = "GENERATED_PASSWORDS";

  private static final Pattern SIMPLE_DURATION = Pattern.compile("^(\\d+)(ms|s|m|h|d)$");

  private final Map<String, String> env;

  private EnvironmentConfig(Map<String, String> env) {
    this.env = env;
  }

  public static OperatorConfig fromSystemEnvironment() {
    return from(System.getenv());
  }

  public static OperatorConfig from(Map<String, String> env) {
    return new EnvironmentConfig(env).read();
  }

  private OperatorConfig read() {
    // read by logback's LogFormatEncoder, which falls back to text; refused here so it is seen
    String logFormat = text(LOG_FORMAT, "text");
    if (!logFormat.equals("text") && !logFormat.equals("json")) {
      throw new ConfigException(LOG_FORMAT + " must be text or json, got '" + logFormat + "'");
    }
    Duration retryInitial = duration(RETRY_INITIAL_INTERVAL, "1s");
    Duration retryMax = duration(RETRY_MAX_INTERVAL, "5m");
    if (retryInitial.isZero() || retryMax.compareTo(retryInitial) < 0) {
      throw new ConfigException(
          RETRY_INITIAL_INTERVAL
              + " must be above zero and no longer than "
              + RETRY_MAX_INTERVAL
              + " ("
              + retryInitial
              + " > "
              + retryMax
              + ")");
    }
    return new OperatorConfig(
        namespaces(),
        duration(STATUS_REFRESH_INTERVAL, "1h"),
        positiveDuration(RECHECK_INTERVAL, "10m"),
        retryInitial,
        retryMax,
        new CognitoRates(
            rate(COGNITO_WRITES_PER_SECOND, "20"),
            rate(COGNITO_READS_PER_SECOND, "50"),
            rate(COGNITO_CREATES_PER_SECOND, "40"),
            rate(COGNITO_UPDATES_PER_SECOND, "20"),
            rate(COGNITO_GROUP_CHANGES_PER_SECOND, "20")),
        positiveDuration(COGNITO_CALL_TIMEOUT, "10s"),
        optional(OPERATOR_NAMESPACE),
        text(FINGERPRINT_KEY_SECRET, "cognito-user-operator-fingerprint-key"),
        integer(HTTP_PORT, "8080", 0, 65535),
        optional(LEADER_ELECTION).map(v -> bool(LEADER_ELECTION, v)),
        text(LEADER_ELECTION_LEASE_NAME, "cognito-user-operator"),
        integer(RECONCILE_THREADS, "10", 1, 200),
        optional(POD_NAME),
        regions(),
        grantMode(),
        optional(SECRET_LABEL_SELECTOR),
        generatedPasswords());
  }

  /** Off unless the install turns it on: writing Secrets is a privilege of its own. */
  private boolean generatedPasswords() {
    String value = text(GENERATED_PASSWORDS, "disabled");
    return switch (value) {
      case "enabled" -> true;
      case "disabled" -> false;
      default ->
          throw new ConfigException(
              GENERATED_PASSWORDS + " must be enabled or disabled, got '" + value + "'");
    };
  }

  /** Fails closed: a namespace no UserPoolGrant matches may use no pool unless told otherwise. */
  private GrantMode grantMode() {
    String mode = text(USER_POOL_GRANTS, "required");
    return switch (mode) {
      case "optional" -> GrantMode.OPTIONAL;
      case "required" -> GrantMode.REQUIRED;
      default ->
          throw new ConfigException(
              USER_POOL_GRANTS + " must be optional or required, got '" + mode + "'");
    };
  }

  private Set<String> regions() {
    Set<String> regions = list(ALLOWED_REGIONS);
    for (String region : regions) {
      if (!RegionPolicy.isKnown(region)) {
        throw new ConfigException(
            ALLOWED_REGIONS + " names '" + region + "', which is not an AWS region the SDK knows");
      }
    }
    return regions;
  }

  /** A comma-separated list; blanks and empty items are ignored. */
  private Set<String> list(String name) {
    return optional(name)
        .map(
            v ->
                Arrays.stream(v.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .collect(Collectors.toUnmodifiableSet()))
        .orElse(Set.of());
  }

  private Set<String> namespaces() {
    return list(WATCH_NAMESPACES);
  }

  private Optional<String> optional(String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  private String text(String name, String defaultValue) {
    return optional(name).orElse(defaultValue);
  }

  /** Accepts 500ms, 30s, 10m, 1h, 1d or an ISO-8601 duration such as PT1H30M. */
  static Duration parseDuration(String name, String value) {
    Matcher m = SIMPLE_DURATION.matcher(value.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long amount = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    if (value.equals("0")) {
      return Duration.ZERO;
    }
    try {
      Duration d = Duration.parse(value.toUpperCase(Locale.ROOT));
      if (d.isNegative()) {
        throw new ConfigException(name + " must not be negative, got '" + value + "'");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new ConfigException(
          name + " must be a duration such as 30s, 10m, 1h or PT1H, got '" + value + "'");
    }
  }

  private Duration duration(String name, String defaultValue) {
    return parseDuration(name, text(name, defaultValue));
  }

  private Duration positiveDuration(String name, String defaultValue) {
    Duration d = duration(name, defaultValue);
    if (d.isZero()) {
      throw new ConfigException(name + " must be above zero");
    }
    return d;
  }

  private double rate(String name, String defaultValue) {
    String v = text(name, defaultValue);
    try {
      double rate = Double.parseDouble(v);
      if (!(rate > 0) || Double.isInfinite(rate)) {
        throw new NumberFormatException();
      }
      return rate;
    } catch (NumberFormatException e) {
      throw new ConfigException(
          name + " must be a number of calls per second above zero, got '" + v + "'");
    }
  }

  private int integer(String name, String defaultValue, int min, int max) {
    String v = text(name, defaultValue);
    try {
      int i = Integer.parseInt(v);
      if (i < min || i > max) {
        throw new NumberFormatException();
      }
      return i;
    } catch (NumberFormatException e) {
      throw new ConfigException(
          name + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
    }
  }

  private static boolean bool(String name, String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new ConfigException(name + " must be true or false, got '" + v + "'");
    };
  }
}
