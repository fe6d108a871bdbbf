package dev.operator.cognito.playground;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Kubernetes JSONPath that CRD printer columns use: dotted fields, and a filter of the
 * form {@code [?(@.field=="value")]} that picks the first matching element of a list.
 */
final class JsonPathLite {

  private static final Pattern STEP =
      Pattern.compile("\\.([^.\\[]+)|\\[\\?\\(@\\.([^=]+)==\"([^\"]*)\"\\)\\]");

  private JsonPathLite() {}

  static Optional<JsonNode> read(JsonNode root, String path) {
    Matcher step = STEP.matcher(path);
    JsonNode current = root;
    int position = 0;
    while (position < path.length()) {
      if (!step.find(position) || step.start() != position) {
        throw new IllegalArgumentException("unsupported JSONPath: " + path);
      }
      current = step.group(1) != null ? current.path(step.group(1)) : first(current, step);
      position = step.end();
    }
    return current.isMissingNode() || current.isNull() ? Optional.empty() : Optional.of(current);
  }

  private static JsonNode first(JsonNode list, Matcher filter) {
    for (JsonNode element : list) {
      if (filter.group(3).equals(element.path(filter.group(2)).asText(null))) {
        return element;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }
}
