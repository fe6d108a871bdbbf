package dev.operator.cognito.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Runs the Argo CD resource actions the way Argo CD does (discovery.lua, then an action's
 * action.lua with the object as {@code obj}) over every case of their {@code action_test.yaml}, in
 * Argo CD's own format.
 */
class ArgoCdActionsTest {

  static final Path ACTIONS = ArgoCdHealthCheckTest.CHECK.resolve("actions");

  static Stream<JsonNode> discoveryTests() {
    return stream(Manifests.readTree(ACTIONS.resolve("action_test.yaml")).path("discoveryTests"));
  }

  static Stream<JsonNode> actionTests() {
    return stream(Manifests.readTree(ACTIONS.resolve("action_test.yaml")).path("actionTests"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("discoveryTests")
  void theActionsOfferedAreTheOnesTheTestFileLists(JsonNode test) throws IOException {
    JsonNode object = Manifests.readTree(ACTIONS.resolve(test.path("inputPath").asText()));

    LuaValue actions =
        ArgoCdHealthCheckTest.run(Files.readString(ACTIONS.resolve("discovery.lua")), object);

    Map<String, Boolean> offered = new TreeMap<>();
    LuaValue key = LuaValue.NIL;
    while (true) {
      var next = actions.next(key);
      if ((key = next.arg1()).isnil()) {
        break;
      }
      offered.put(key.tojstring(), next.arg(2).get("disabled").optboolean(false));
    }
    Map<String, Boolean> expected = new TreeMap<>();
    test.path("result")
        .forEach(r -> expected.put(r.path("name").asText(), r.path("disabled").asBoolean()));
    assertThat(offered).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actionTests")
  void anActionChangesItsAnnotationAndNothingElse(JsonNode test) throws IOException {
    String action = test.path("action").asText();
    JsonNode input = Manifests.readTree(ACTIONS.resolve(test.path("inputPath").asText()));
    JsonNode expected =
        Manifests.readTree(ACTIONS.resolve(test.path("expectedOutputPath").asText()));
    Instant before = Instant.now().minusSeconds(1);

    JsonNode output =
        json(
            ArgoCdHealthCheckTest.run(
                Files.readString(ACTIONS.resolve(action).resolve("action.lua")), input));

    if (action.equals("rotate") || action.equals("reconcile")) {
      // a request: its value is the time the action ran
      String annotation = "cognito.operator.dev/" + action + "-requested-at";
      Instant at =
          Instant.parse(output.path("metadata").path("annotations").path(annotation).asText());
      assertThat(at).isBetween(before, Instant.now().plusSeconds(1));
      ((ObjectNode) output.path("metadata").path("annotations")).remove(annotation);
      ((ObjectNode) expected.path("metadata").path("annotations")).remove(annotation);
    }
    assertThat(output).isEqualTo(Manifests.wholeNumbersAsIntegers(expected));
  }

  @Test
  void everyActionHasItsScriptAndATest() throws IOException {
    List<String> tested = actionTests().map(t -> t.path("action").asText()).distinct().toList();
    try (Stream<Path> dirs = Files.list(ACTIONS)) {
      List<String> scripts =
          dirs.filter(d -> Files.exists(d.resolve("action.lua")))
              .map(d -> d.getFileName().toString())
              .toList();
      assertThat(scripts).containsExactlyInAnyOrderElementsOf(tested);
    }
  }

  @Test
  void theArgocdCmPatchCarriesTheSameScripts() throws IOException {
    JsonNode patch = Manifests.readTree(Path.of("deploy/argocd/argocd-cm-patch.yaml"));
    JsonNode actions =
        Manifests.YAML.readTree(
            patch
                .path("data")
                .path("resource.customizations.actions.cognito.operator.dev_CognitoUser")
                .asText());

    assertThat(actions.path("discovery.lua").asText())
        .isEqualTo(Files.readString(ACTIONS.resolve("discovery.lua")));
    List<String> names = new ArrayList<>();
    for (JsonNode definition : actions.path("definitions")) {
      String name = definition.path("name").asText();
      names.add(name);
      assertThat(definition.path("action.lua").asText())
          .as("action %s", name)
          .isEqualTo(Files.readString(ACTIONS.resolve(name).resolve("action.lua")));
    }
    assertThat(names).containsExactlyInAnyOrder("reconcile", "rotate", "pause", "resume");
  }

  /** The object an action returns, as Argo CD turns it back into JSON. */
  private static JsonNode json(LuaValue value) {
    if (value.istable()) {
      LuaTable table = (LuaTable) value;
      if (table.length() > 0) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (int i = 1; i <= table.length(); i++) {
          array.add(json(table.get(i)));
        }
        return array;
      }
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      LuaValue key = LuaValue.NIL;
      while (true) {
        var next = table.next(key);
        if ((key = next.arg1()).isnil()) {
          break;
        }
        object.set(key.tojstring(), json(next.arg(2)));
      }
      return object;
    }
    if (value.isboolean()) {
      return JsonNodeFactory.instance.booleanNode(value.toboolean());
    }
    if (value.isinttype() || value.islong()) {
      return JsonNodeFactory.instance.numberNode(value.tolong());
    }
    if (value.isnumber() && !value.isstring()) {
      return JsonNodeFactory.instance.numberNode(value.todouble());
    }
    return value.isnil()
        ? JsonNodeFactory.instance.nullNode()
        : JsonNodeFactory.instance.textNode(value.tojstring());
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> all = new ArrayList<>();
    array.forEach(all::add);
    return all.stream();
  }
}
