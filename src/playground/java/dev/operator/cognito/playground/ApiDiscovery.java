package dev.operator.cognito.playground;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents kubectl reads before anything else ({@code /api}, {@code /apis}, {@code
 * /api/v1}, {@code /apis/GROUP/VERSION}): which resources exist, their kinds, short names and
 * verbs. The built-in resources the playground needs are listed here; each installed CRD adds its
 * own.
 */
final class ApiDiscovery {

  private static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  private final ObjectMapper json;
  private final Map<String, List<ApiResource>> resourcesByGroupVersion = new LinkedHashMap<>();

  ApiDiscovery(ObjectMapper json) {
    this.json = json;
    add("v1", new ApiResource("namespaces", "namespace", "Namespace", false, List.of("ns"), false));
    add("v1", new ApiResource("secrets", "secret", "Secret", true, List.of(), false));
    add("v1", new ApiResource("events", "event", "Event", true, List.of("ev"), false));
    add("v1", new ApiResource("configmaps", "configmap", "ConfigMap", true, List.of("cm"), false));
    add(
        "apiextensions.k8s.io/v1",
        new ApiResource(
            "customresourcedefinitions",
            "customresourcedefinition",
            "CustomResourceDefinition",
            false,
            List.of("crd", "crds"),
            false));
    add(
        "coordination.k8s.io/v1",
        new ApiResource("leases", "lease", "Lease", true, List.of(), false));
  }

  /** Adds the resources that a CustomResourceDefinition serves. */
  void addCustomResources(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    List<String> shortNames = new ArrayList<>();
    names.path("shortNames").forEach(n -> shortNames.add(n.asText()));
    for (JsonNode version : spec.path("versions")) {
      if (version.path("served").asBoolean(true)) {
        add(
            spec.path("group").asText() + "/" + version.path("name").asText(),
            new ApiResource(
                names.path("plural").asText(),
                names.path("singular").asText(),
                names.path("kind").asText(),
                "Namespaced".equals(spec.path("scope").asText()),
                shortNames,
                version.path("subresources").has("status")));
      }
    }
  }

  /** The document for a discovery path, or empty when the path is not a discovery path. */
  Optional<String> document(String path) {
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (trimmed.equals("/api")) {
      return Optional.of(coreVersions());
    }
    if (trimmed.equals("/apis")) {
      return Optional.of(groups());
    }
    String groupVersion = null;
    if (trimmed.startsWith("/api/") && trimmed.indexOf('/', 5) < 0) {
      groupVersion = trimmed.substring(5);
    } else if (trimmed.startsWith("/apis/") && trimmed.split("/").length == 4) {
      groupVersion = trimmed.substring(6);
    } else if (trimmed.startsWith("/apis/") && trimmed.split("/").length == 3) {
      String group = trimmed.substring(6);
      return groupNode(group).map(this::write);
    }
    if (groupVersion == null || !resourcesByGroupVersion.containsKey(groupVersion)) {
      return Optional.empty();
    }
    return Optional.of(resourceList(groupVersion));
  }

  /**
   * OpenAPI v3, only as far as kubectl reads it: the index of group-versions, and for each a PATCH
   * operation per kind that takes {@code fieldValidation}. Seeing that, kubectl leaves schema
   * validation to the server (here: the CRD's schema is not enforced) instead of downloading the
   * OpenAPI v2 document in protobuf, which this server does not serve.
   */
  Optional<String> openApi(String path) {
    if (path.equals("/openapi/v3") || path.equals("/openapi/v3/")) {
      ObjectNode paths = json.createObjectNode();
      for (String gv : resourcesByGroupVersion.keySet()) {
        String key = gv.contains("/") ? "apis/" + gv : "api/" + gv;
        paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key + "?hash=playground");
      }
      ObjectNode root = json.createObjectNode();
      root.set("paths", paths);
      return Optional.of(write(root));
    }
    String prefix = "/openapi/v3/";
    if (!path.startsWith(prefix)) {
      return Optional.empty();
    }
    String key = path.substring(prefix.length());
    String gv = key.startsWith("apis/") ? key.substring(5) : key.substring(4);
    List<ApiResource> resources = resourcesByGroupVersion.get(gv);
    if (resources == null) {
      return Optional.empty();
    }
    ObjectNode doc = json.createObjectNode().put("openapi", "3.0.0");
    doc.putObject("info").put("title", "playground").put("version", gv);
    ObjectNode paths = doc.putObject("paths");
    String group = gv.contains("/") ? gv.substring(0, gv.indexOf('/')) : "";
    String version = gv.substring(gv.indexOf('/') + 1);
    for (ApiResource r : resources) {
      String resourcePath =
          "/" + key + (r.namespaced() ? "/namespaces/{namespace}/" : "/") + r.plural() + "/{name}";
      ObjectNode patch = paths.putObject(resourcePath).putObject("patch");
      patch
          .putObject("x-kubernetes-group-version-kind")
          .put("group", group)
          .put("version", version)
          .put("kind", r.kind());
      patch
          .putArray("parameters")
          .addObject()
          .put("name", "fieldValidation")
          .put("in", "query")
          .putObject("schema")
          .put("type", "string");
      patch.putObject("responses").putObject("200").put("description", "OK");
    }
    return Optional.of(write(doc));
  }

  /** The kind a plural names, e.g. Secret for secrets. */
  Optional<String> kindOf(String groupVersion, String plural) {
    return resourcesByGroupVersion.getOrDefault(groupVersion, List.of()).stream()
        .filter(r -> r.plural().equals(plural))
        .map(ApiResource::kind)
        .findFirst();
  }

  private void add(String groupVersion, ApiResource resource) {
    resourcesByGroupVersion.computeIfAbsent(groupVersion, k -> new ArrayList<>()).add(resource);
  }

  private String coreVersions() {
    ObjectNode doc = json.createObjectNode().put("kind", "APIVersions");
    doc.putArray("versions").add("v1");
    doc.putArray("serverAddressByClientCIDRs")
        .addObject()
        .put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", "127.0.0.1");
    return write(doc);
  }

  private String groups() {
    ObjectNode doc = json.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = doc.putArray("groups");
    resourcesByGroupVersion.keySet().stream()
        .filter(gv -> gv.contains("/"))
        .map(gv -> gv.substring(0, gv.indexOf('/')))
        .distinct()
        .forEach(group -> groups.add(groupNode(group).orElseThrow()));
    return write(doc);
  }

  private Optional<ObjectNode> groupNode(String group) {
    List<String> versions =
        resourcesByGroupVersion.keySet().stream().filter(gv -> gv.startsWith(group + "/")).toList();
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode node = json.createObjectNode().put("kind", "APIGroup").put("apiVersion", "v1");
    node.put("name", group);
    ArrayNode list = node.putArray("versions");
    for (String gv : versions) {
      list.addObject().put("groupVersion", gv).put("version", gv.substring(group.length() + 1));
    }
    node.set("preferredVersion", list.get(0).deepCopy());
    return Optional.of(node);
  }

  private String resourceList(String groupVersion) {
    ObjectNode doc =
        json.createObjectNode()
            .put("kind", "APIResourceList")
            .put("apiVersion", "v1")
            .put("groupVersion", groupVersion);
    ArrayNode resources = doc.putArray("resources");
    for (ApiResource r : resourcesByGroupVersion.get(groupVersion)) {
      ObjectNode node =
          resources
              .addObject()
              .put("name", r.plural())
              .put("singularName", r.singular())
              .put("namespaced", r.namespaced())
              .put("kind", r.kind());
      ArrayNode verbs = node.putArray("verbs");
      ALL_VERBS.forEach(verbs::add);
      ArrayNode shortNames = node.putArray("shortNames");
      r.shortNames().forEach(shortNames::add);
      if (r.statusSubresource()) {
        ObjectNode status =
            resources
                .addObject()
                .put("name", r.plural() + "/status")
                .put("singularName", "")
                .put("namespaced", r.namespaced())
                .put("kind", r.kind());
        status.putArray("verbs").add("get").add("patch").add("update");
      }
    }
    return write(doc);
  }

  private String write(JsonNode node) {
    return node.toString();
  }

  private record ApiResource(
      String plural,
      String singular,
      String kind,
      boolean namespaced,
      List<String> shortNames,
      boolean statusSubresource) {}
}
