package dev.operator.cognito.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs the Argo CD health check the way Argo CD does (the object as the global {@code obj}, the
 * returned table's status and message) over every case in its {@code health_test.yaml}, in Argo
 * CD's own format.
 */
class ArgoCdHealthCheckTest {

  static final Path CHECK = Path.of("deploy/argocd/cognito.operator.dev/CognitoUser");

  static Stream<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    for (JsonNode test : Manifests.readTree(CHECK.resolve("health_test.yaml")).path("tests")) {
      cases.add(
          new Case(
              test.path("inputPath").asText(),
              test.path("healthStatus").path("status").asText(),
              test.path("healthStatus").path("message").asText()));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void healthIsJudgedAsTheTestFileSays(Case testCase) throws IOException {
    JsonNode object = Manifests.readTree(CHECK.resolve(testCase.inputPath()));

    LuaValue health = run(Files.readString(CHECK.resolve("health.lua")), object);

    assertThat(health.get("status").tojstring()).isEqualTo(testCase.status());
    assertThat(health.get("message").tojstring()).isEqualTo(testCase.message());
  }

  @org.junit.jupiter.api.Test
  void everyTestdataFileIsUsedByATest() throws IOException {
    List<String> used = cases().map(Case::inputPath).toList();
    try (Stream<Path> files = Files.list(CHECK.resolve("testdata"))) {
      assertThat(files.map(f -> "testdata/" + f.getFileName()))
          .allMatch(used::contains, "listed in health_test.yaml");
    }
  }

  @org.junit.jupiter.api.Test
  void theArgocdCmPatchCarriesTheSameScript() throws IOException {
    JsonNode patch = Manifests.readTree(Path.of("deploy/argocd/argocd-cm-patch.yaml"));

    assertThat(
            patch
                .path("data")
                .path("resource.customizations.health.cognito.operator.dev_CognitoUser")
                .asText())
        .isEqualTo(Files.readString(CHECK.resolve("health.lua")));
    assertThat(patch.path("metadata").path("name").asText()).isEqualTo("argocd-cm");
  }

  static LuaValue run(String script, JsonNode object) {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", lua(object));
    return globals.load(script, "health.lua").call();
  }

  private static LuaValue lua(JsonNode node) {
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        table.set(field.getKey(), lua(field.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, lua(node.get(i)));
      }
      return table;
    }
    if (node.isIntegralNumber()) {
      return LuaValue.valueOf(node.asLong());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.asDouble());
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.asBoolean());
    }
    return node.isNull() ? LuaValue.NIL : LuaValue.valueOf(node.asText());
  }

  record Case(String inputPath, String status, String message) {
    @Override
    public String toString() {
      return inputPath + " -> " + status;
    }
  }
}
