package dev.operator.cognito.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * kubectl sends strategic merge patches for built-in kinds ({@code apply} and {@code edit} of a
 * Secret), which the in-memory server refuses. Without its directives ({@code $patch}, {@code
 * $retainKeys}, {@code $setElementOrder/...}) such a patch is a JSON merge patch, and the two mean
 * the same for what the playground edits: maps such as a Secret's {@code data}, labels and
 * annotations. (Lists would be replaced whole rather than merged by key.)
 */
final class StrategicMergePatch {

  private StrategicMergePatch() {}

  static void dropDirectives(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> directives = new ArrayList<>();
      object.fieldNames().forEachRemaining(n -> directives.add(n));
      directives.removeIf(name -> !name.startsWith("$"));
      object.remove(directives);
      object.elements().forEachRemaining(StrategicMergePatch::dropDirectives);
    } else if (node != null && node.isArray()) {
      node.elements().forEachRemaining(StrategicMergePatch::dropDirectives);
    }
  }
}
