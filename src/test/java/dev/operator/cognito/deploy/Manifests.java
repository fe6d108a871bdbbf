package dev.operator.cognito.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Kubernetes manifests as parsed YAML, from files or rendered text, and ways to pick in them. */
public final class Manifests {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final List<JsonNode> objects;

  Manifests(List<JsonNode> objects) {
    this.objects = List.copyOf(objects);
  }

  static Manifests parse(String multiDocument) {
    List<JsonNode> objects = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(multiDocument)) {
      for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
        if (doc != null && !doc.isNull() && !doc.isMissingNode() && doc.has("kind")) {
          objects.add(wholeNumbersAsIntegers(doc));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Manifests(objects);
  }

  static Manifests read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Kustomize base, loaded as kustomize would: it lists its files and transforms nothing. */
  public static Manifests kustomizeBase() {
    Path base = Path.of("deploy/base");
    JsonNode kustomization = readTree(base.resolve("kustomization.yaml"));
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode resource : kustomization.path("resources")) {
      all.addAll(read(base.resolve(resource.asText())).objects);
    }
    return new Manifests(all);
  }

  static JsonNode readTree(Path file) {
    try {
      return wholeNumbersAsIntegers(YAML.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * 256.0 and 256 are one number to the API server, and kustomize and Helm write the generator's
   * 256.0 back as 256: compared as the same node.
   */
  static JsonNode wholeNumbersAsIntegers(JsonNode node) {
    if (node.isObject()) {
      var object = (com.fasterxml.jackson.databind.node.ObjectNode) node;
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      names.forEach(name -> object.set(name, wholeNumbersAsIntegers(object.get(name))));
    } else if (node.isArray()) {
      var array = (com.fasterxml.jackson.databind.node.ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, wholeNumbersAsIntegers(array.get(i)));
      }
    } else if (node.isFloatingPointNumber()
        && node.doubleValue() == Math.rint(node.doubleValue())
        && Math.abs(node.doubleValue()) < Long.MAX_VALUE) {
      return com.fasterxml.jackson.databind.node.LongNode.valueOf((long) node.doubleValue());
    } else if (node.isIntegralNumber()) {
      return com.fasterxml.jackson.databind.node.LongNode.valueOf(node.longValue());
    }
    return node;
  }

  public List<JsonNode> all() {
    return objects;
  }

  Stream<JsonNode> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
  }

  JsonNode one(String kind) {
    List<JsonNode> found = ofKind(kind).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one " + kind + ", found " + found.size());
    }
    return found.get(0);
  }

  JsonNode named(String kind, String name) {
    return ofKind(kind)
        .filter(o -> o.path("metadata").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
  }

  Optional<JsonNode> find(String kind, String namespace) {
    return ofKind(kind)
        .filter(o -> namespace.equals(o.path("metadata").path("namespace").asText()))
        .findFirst();
  }

  /** Every RBAC rule of every Role and ClusterRole, without the names they are granted by. */
  List<JsonNode> rbacRules() {
    List<JsonNode> rules = new ArrayList<>();
    Stream.concat(ofKind("ClusterRole"), ofKind("Role"))
        .forEach(role -> role.path("rules").forEach(rules::add));
    return rules;
  }
}
