package dev.operator.cognito.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-side printing, as kubectl asks for it ({@code Accept: ...;as=Table;g=meta.k8s.io}): the
 * columns a real API server shows for the built-in kinds the playground serves, and a CRD's own
 * printer columns for its custom resources, so that {@code kubectl get cognitousers} reads as it
 * does on a cluster.
 */
final class TableView {

  private final ObjectMapper json;
  private final Clock clock;
  private final Map<String, List<Column>> columnsByPlural = new HashMap<>();

  TableView(ObjectMapper json, Clock clock) {
    this.json = json;
    this.clock = clock;
    columnsByPlural.put(
        "secrets",
        List.of(
            Column.nameColumn(),
            new Column("Type", "string", 0, ".type"),
            new Column("Data", "integer", 0, "#data"),
            Column.ageColumn()));
    columnsByPlural.put(
        "namespaces",
        List.of(
            Column.nameColumn(),
            new Column("Status", "string", 0, ".status.phase"),
            Column.ageColumn()));
    columnsByPlural.put(
        "events",
        List.of(
            new Column("Last Seen", "date", 0, ".lastTimestamp"),
            new Column("Type", "string", 0, ".type"),
            new Column("Reason", "string", 0, ".reason"),
            new Column("Object", "string", 0, "#involvedObject"),
            new Column("Message", "string", 0, ".message")));
  }

  /** Uses the printer columns of every version of a CRD for its plural. */
  void addCustomResources(JsonNode crd) {
    List<Column> columns = new ArrayList<>();
    columns.add(Column.nameColumn());
    for (JsonNode version : crd.path("spec").path("versions")) {
      for (JsonNode c : version.path("additionalPrinterColumns")) {
        columns.add(
            new Column(
                c.path("name").asText(),
                c.path("type").asText(),
                c.path("priority").asInt(),
                c.path("jsonPath").asText()));
      }
      break;
    }
    if (columns.size() == 1) {
      columns.add(Column.ageColumn());
    }
    columnsByPlural.put(crd.path("spec").path("names").path("plural").asText(), columns);
  }

  static boolean wanted(String accept) {
    return accept != null && accept.contains("as=Table");
  }

  /** The Table for a GET's answer: a list or a single object of the resource {@code plural}. */
  String render(String plural, JsonNode answer, boolean includeWholeObject) {
    List<Column> columns =
        columnsByPlural.getOrDefault(plural, List.of(Column.nameColumn(), Column.ageColumn()));
    ObjectNode table =
        json.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    table
        .putObject("metadata")
        .put("resourceVersion", answer.path("metadata").path("resourceVersion").asText(""));
    ArrayNode definitions = table.putArray("columnDefinitions");
    for (Column column : columns) {
      definitions
          .addObject()
          .put("name", column.name())
          .put("type", column.type().equals("date") ? "string" : column.type())
          .put("format", column.name().equals("Name") ? "name" : "")
          .put("description", "")
          .put("priority", column.priority());
    }
    ArrayNode rows = table.putArray("rows");
    JsonNode items =
        answer.has("items") ? answer.path("items") : json.createArrayNode().add(answer);
    for (JsonNode item : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      for (Column column : columns) {
        cells.add(cell(item, column));
      }
      row.set("object", includeWholeObject ? item : partialMetadata(item));
    }
    return table.toString();
  }

  private JsonNode cell(JsonNode item, Column column) {
    return switch (column.path()) {
      case "#name" -> json.getNodeFactory().textNode(item.path("metadata").path("name").asText());
      case "#data" -> json.getNodeFactory().numberNode(item.path("data").size());
      case "#involvedObject" ->
          json.getNodeFactory()
              .textNode(
                  item.path("involvedObject").path("kind").asText().toLowerCase()
                      + "/"
                      + item.path("involvedObject").path("name").asText());
      default ->
          JsonPathLite.read(item, column.path())
              .map(value -> column.type().equals("date") ? age(value.asText()) : value)
              .orElse(json.getNodeFactory().textNode(""));
    };
  }

  private JsonNode age(String timestamp) {
    try {
      Duration age = Duration.between(Instant.parse(timestamp), clock.instant());
      return json.getNodeFactory().textNode(human(age));
    } catch (DateTimeParseException e) {
      return json.getNodeFactory().textNode(timestamp);
    }
  }

  /** As kubectl shows ages: 42s, 5m10s, 3h, 2d. */
  static String human(Duration age) {
    long seconds = Math.max(0, age.toSeconds());
    if (seconds < 120) {
      return seconds + "s";
    }
    if (seconds < 600) {
      return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
    }
    if (seconds < 3 * 3600) {
      return seconds / 60 + "m";
    }
    if (seconds < 2 * 86400) {
      return seconds / 3600 + "h";
    }
    return seconds / 86400 + "d";
  }

  private JsonNode partialMetadata(JsonNode item) {
    ObjectNode partial =
        json.createObjectNode()
            .put("kind", "PartialObjectMetadata")
            .put("apiVersion", "meta.k8s.io/v1");
    partial.set("metadata", item.path("metadata").deepCopy());
    return partial;
  }

  private record Column(String name, String type, int priority, String path) {
    static Column nameColumn() {
      return new Column("Name", "string", 0, "#name");
    }

    static Column ageColumn() {
      return new Column("Age", "date", 0, ".metadata.creationTimestamp");
    }
  }
}
