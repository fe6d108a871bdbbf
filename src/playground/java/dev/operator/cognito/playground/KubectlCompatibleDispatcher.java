package dev.operator.cognito.playground;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.lang.reflect.Field;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * Fabric8's in-memory API server (CRUD mode), taught what kubectl expects of a real one: discovery
 * documents and the version, {@code stringData} turned into {@code data}, field selectors on lists
 * (kubectl describe asks for an object's Events with one), and server-side printing as Tables.
 */
public final class KubectlCompatibleDispatcher extends KubernetesCrudDispatcher {

  private static final String VERSION =
      "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0-playground\","
          + "\"platform\":\"in-memory\"}";

  private final ObjectMapper json = new ObjectMapper();
  private final ApiDiscovery discovery = new ApiDiscovery(json);
  private final TableView tables;
  private volatile java.util.function.Consumer<RecordedRequest> observer = r -> {};

  private final ObjectsByName objects = new ObjectsByName();
  private final Map<AttributeSet, String> synchronizedObjects;
  private final ReadWriteLock storeLock;

  public KubectlCompatibleDispatcher(java.time.Clock clock) {
    tables = new TableView(json, clock);
    synchronizedObjects = java.util.Collections.synchronizedMap(objects);
    storeLock = indexedStore(synchronizedObjects);
  }

  /**
   * Puts {@link ObjectsByName} in place of the dispatcher's own map, which Fabric8 gives no way to
   * choose, and returns the lock its handlers hold, so that a lookup here sees no half-done
   * replacement (a replacement removes the old entry, then puts the new one).
   */
  private ReadWriteLock indexedStore(Map<AttributeSet, String> store) {
    try {
      Field map = CrudDispatcher.class.getDeclaredField("map");
      map.setAccessible(true);
      map.set(this, store);
      Field lock = KubernetesCrudDispatcher.class.getDeclaredField("lock");
      lock.setAccessible(true);
      return (ReadWriteLock) lock.get(this);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "this Fabric8 mock server is not the one this was built on", e);
    }
  }

  /** One object, found through the index instead of by testing every stored one. */
  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    if (!ObjectsByName.namesOne(query)) {
      return super.findResource(query);
    }
    synchronized (synchronizedObjects) {
      return objects.find(query).orElse(null);
    }
  }

  @Override
  public MockResponse handleGet(String path) {
    AttributeSet query = getKey(path);
    if (!ObjectsByName.namesOne(query)) {
      return super.handleGet(path);
    }
    storeLock.readLock().lock();
    try {
      Map.Entry<AttributeSet, String> found = findResource(query);
      return found == null
          ? new MockResponse().setResponseCode(404)
          : new MockResponse().setResponseCode(200).setBody(found.getValue());
    } finally {
      storeLock.readLock().unlock();
    }
  }

  private volatile java.util.function.Function<RecordedRequest, Optional<MockResponse>> faults =
      r -> Optional.empty();

  /** Answers instead of the server when it returns a response: the tests' fault injection. */
  public void answerFirst(
      java.util.function.Function<RecordedRequest, Optional<MockResponse>> faults) {
    this.faults = faults;
  }

  /** Shown every request before it is answered (the tests record the operator's). */
  public void observe(java.util.function.Consumer<RecordedRequest> observer) {
    this.observer = observer;
  }

  TableView tables() {
    return tables;
  }

  public void addCustomResources(JsonNode crd) {
    discovery.addCustomResources(crd);
    tables.addCustomResources(crd);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    observer.accept(request);
    Optional<MockResponse> fault = faults.apply(request);
    if (fault.isPresent()) {
      return fault.get();
    }
    String full = request.getPath();
    int q = full.indexOf('?');
    String path = q < 0 ? full : full.substring(0, q);
    Map<String, String> query = query(q < 0 ? "" : full.substring(q + 1));
    String method = request.getMethod().toUpperCase();
    Optional<ApiPath> api = ApiPath.parse(path);

    if (method.equals("GET")) {
      if (path.equals("/version")) {
        return ok(VERSION);
      }
      Optional<String> document = discovery.document(path).or(() -> discovery.openApi(path));
      if (document.isPresent()) {
        return ok(document.get());
      }
      if (path.startsWith("/openapi/")) {
        return new MockResponse().setResponseCode(404);
      }
    }
    if (method.equals("POST") && path.endsWith("/selfsubjectaccessreviews")) {
      return everythingAllowed(request);
    }
    if (method.equals("POST") && path.endsWith("/selfsubjectrulesreviews")) {
      return everyRuleAllowed(request);
    }
    if (api.isPresent()
        && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
      request = normalizedWrite(request, api.get());
    }
    boolean filterHere =
        method.equals("GET")
            && api.map(ApiPath::isCollection).orElse(false)
            && query.containsKey("fieldSelector")
            && !"true".equals(query.get("watch"));
    if (filterHere) {
      // the in-memory server knows only metadata.name; any other field would match nothing
      request = withoutQueryParameter(request, "fieldSelector");
    }
    MockResponse response = super.dispatch(request);
    if (response == null
        || !method.equals("GET")
        || api.isEmpty()
        || "true".equals(query.get("watch"))
        || response.code() != 200
        || (!api.get().isCollection() && !TableView.wanted(request.getHeader("Accept")))) {
      // one object, as stored: nothing to change in it, so no need to parse it again
      return withJsonType(response);
    }
    return answerGet(request, response, api.get(), query);
  }

  private MockResponse answerGet(
      RecordedRequest request, MockResponse response, ApiPath api, Map<String, String> query) {
    JsonNode answer = read(new String(response.getBody().getBytes(), StandardCharsets.UTF_8));
    if (api.isCollection() && query.containsKey("fieldSelector")) {
      answer = FieldSelector.parse(query.get("fieldSelector")).filter(answer);
    }
    if (api.isCollection() && answer instanceof ObjectNode list) {
      // typed clients (kubectl describe reading Events) decode SecretList, EventList, ... only
      discovery
          .kindOf(api.groupVersion(), api.plural())
          .ifPresent(kind -> list.put("kind", kind + "List"));
    }
    if (TableView.wanted(request.getHeader("Accept"))) {
      return ok(tables.render(api.plural(), answer, "Object".equals(query.get("includeObject"))));
    }
    return ok(answer.toString());
  }

  /** Strategic merge patches become merge patches; Secrets' stringData becomes data. */
  private RecordedRequest normalizedWrite(RecordedRequest request, ApiPath api) {
    String contentType = String.valueOf(request.getHeader("Content-Type"));
    boolean strategic = contentType.contains("strategic-merge-patch");
    boolean secret = api.plural().equals("secrets") && api.subresource() == null;
    boolean newNamespace = api.plural().equals("namespaces") && request.getMethod().equals("POST");
    String body = new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
    if ((!strategic && !secret && !newNamespace) || body.isBlank()) {
      return request;
    }
    JsonNode node = read(body);
    if (newNamespace && node instanceof ObjectNode namespace) {
      namespace.putObject("status").put("phase", "Active");
    }
    if (strategic) {
      StrategicMergePatch.dropDirectives(node);
    }
    if (secret) {
      SecretStringData.moveIntoData(node);
    }
    return new RecordedRequest(
        request.getHttpVersion(),
        request.method(),
        request.getPath(),
        strategic
            ? request
                .getHeaders()
                .newBuilder()
                .set("Content-Type", "application/merge-patch+json")
                .build()
            : request.getHeaders(),
        new Buffer().writeUtf8(node.toString()));
  }

  /** The playground has no RBAC: every access review is answered yes, as such a server would. */
  private MockResponse everythingAllowed(RecordedRequest request) {
    JsonNode review = read(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
    if (review instanceof ObjectNode object) {
      object
          .putObject("status")
          .put("allowed", true)
          .put("reason", "the playground's API server has no RBAC");
    }
    return ok(review.toString()).setResponseCode(201);
  }

  /** JOSDK's leader election asks which rules apply before it takes a Lease: all of them. */
  private MockResponse everyRuleAllowed(RecordedRequest request) {
    JsonNode review = read(new String(request.getBody().getBytes(), StandardCharsets.UTF_8));
    if (review instanceof ObjectNode object) {
      ObjectNode status = object.putObject("status");
      ObjectNode rule = status.putArray("resourceRules").addObject();
      rule.putArray("verbs").add("*");
      rule.putArray("apiGroups").add("*");
      rule.putArray("resources").add("*");
      status.putArray("nonResourceRules");
      status.put("incomplete", false);
    }
    return ok(review.toString()).setResponseCode(201);
  }

  private static RecordedRequest withoutQueryParameter(RecordedRequest request, String name) {
    String full = request.getPath();
    int q = full.indexOf('?');
    StringBuilder kept = new StringBuilder(full.substring(0, q));
    char separator = '?';
    for (String pair : full.substring(q + 1).split("&")) {
      if (!pair.startsWith(name + "=")) {
        kept.append(separator).append(pair);
        separator = '&';
      }
    }
    return new RecordedRequest(
        request.getHttpVersion(),
        request.method(),
        kept.toString(),
        request.getHeaders(),
        request.getBody());
  }

  private JsonNode read(String body) {
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON", e);
    }
  }

  private static MockResponse ok(String body) {
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static MockResponse withJsonType(MockResponse response) {
    if (response != null && response.getWebSocketListener() == null) {
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  /** {@code a.b=x,c!=y}: keeps the list items whose fields match every term. */
  record FieldSelector(Map<String, String> equal, Map<String, String> notEqual) {

    static FieldSelector parse(String selector) {
      Map<String, String> equal = new LinkedHashMap<>();
      Map<String, String> notEqual = new LinkedHashMap<>();
      for (String term : selector.split(",")) {
        if (term.contains("!=")) {
          notEqual.put(
              term.substring(0, term.indexOf("!=")), term.substring(term.indexOf("!=") + 2));
        } else if (term.contains("=")) {
          String[] kv = term.split("==?", 2);
          equal.put(kv[0], kv[1]);
        }
      }
      return new FieldSelector(equal, notEqual);
    }

    JsonNode filter(JsonNode list) {
      ObjectNode copy = list.deepCopy();
      ArrayNode kept = copy.putArray("items");
      for (Iterator<JsonNode> it = list.path("items").elements(); it.hasNext(); ) {
        JsonNode item = it.next();
        if (matches(item)) {
          kept.add(item);
        }
      }
      return copy;
    }

    private boolean matches(JsonNode item) {
      for (Map.Entry<String, String> term : equal.entrySet()) {
        if (!term.getValue().equals(field(item, term.getKey()))) {
          return false;
        }
      }
      for (Map.Entry<String, String> term : notEqual.entrySet()) {
        if (term.getValue().equals(field(item, term.getKey()))) {
          return false;
        }
      }
      return true;
    }

    private static String field(JsonNode item, String dotted) {
      JsonNode node = item;
      for (String part : dotted.split("\\.")) {
        node = node.path(part);
      }
      return node.asText("");
    }
  }
}
