package dev.operator.cognito.sync.credential;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The labels a generated Secret needs to be seen under SECRET_LABEL_SELECTOR: each {@code
 * key=value} (or {@code key==value}) term becomes that label and each bare {@code key} term the
 * label {@code key=true}. A selector with any other term (!=, in, notin, !key) names no one set of
 * labels, and then the operator generates no Secret.
 */
public final class SelectorLabels {

  private static final Pattern KEY =
      Pattern.compile(
          "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
              + "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$");
  private static final Pattern VALUE =
      Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$");

  private SelectorLabels() {}

  /** The labels, or empty if the selector is not a list of equalities and existences. */
  public static Optional<Map<String, String>> of(Optional<String> selector) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (selector.isEmpty() || selector.get().isBlank()) {
      return Optional.of(labels);
    }
    for (String term : selector.get().split(",")) {
      String t = term.strip();
      if (t.isEmpty() || t.contains("!") || t.contains("(") || t.contains(" ")) {
        return Optional.empty();
      }
      int eq = t.indexOf('=');
      String key = eq < 0 ? t : t.substring(0, eq).strip();
      String value =
          eq < 0 ? "true" : t.substring(t.startsWith("==", eq) ? eq + 2 : eq + 1).strip();
      if (!KEY.matcher(key).matches() || !VALUE.matcher(value).matches()) {
        return Optional.empty();
      }
      labels.put(key, value);
    }
    return Optional.of(labels);
  }
}
