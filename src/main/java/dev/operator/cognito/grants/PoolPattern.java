package dev.operator.cognito.grants;

import java.util.regex.Pattern;

/** A grant's pool entry: a pool id where {@code *} matches any run of characters. */
record PoolPattern(String text) {

  boolean matches(String poolId) {
    StringBuilder regex = new StringBuilder();
    for (String literal : text.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(literal));
    }
    return poolId != null && poolId.matches(regex.toString());
  }
}
