package dev.operator.cognito.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Does what a real API server does with a Secret's {@code stringData}: each entry is base64-encoded
 * into {@code data} (overriding a key of the same name there) and {@code stringData} itself is
 * never stored. Applied to the body of a create, a replace or a merge patch, so that manifests
 * written for people ({@code kubectl apply -f secret.yaml}) reach the operator the way a cluster
 * would hand them over.
 */
final class SecretStringData {

  private SecretStringData() {}

  /** Moves {@code stringData} into {@code data}; returns whether the body changed. */
  static boolean moveIntoData(JsonNode body) {
    if (!(body instanceof ObjectNode secret) || !secret.has("stringData")) {
      return false;
    }
    JsonNode stringData = secret.remove("stringData");
    if (!stringData.isObject() || stringData.isEmpty()) {
      return true;
    }
    ObjectNode data =
        secret.get("data") instanceof ObjectNode existing ? existing : secret.putObject("data");
    for (Iterator<Map.Entry<String, JsonNode>> it = stringData.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      data.put(
          entry.getKey(),
          Base64.getEncoder()
              .encodeToString(entry.getValue().asText().getBytes(StandardCharsets.UTF_8)));
    }
    return true;
  }
}
