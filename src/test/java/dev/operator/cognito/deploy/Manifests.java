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
          objects.add(doc);
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
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
