package dev.operator.cognito.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every YAML file under crds/ and deploy/ parses (Helm templates excepted: they are YAML only once
 * rendered), and every CognitoUser among the examples is valid under the CRD's own schema.
 */
class DeployFilesTest {

  @Test
  void everyYamlFileParses() throws IOException {
    List<Path> files = yamlFiles();
    assertThat(files).hasSizeGreaterThan(15);
    for (Path file : files) {
      try (var parser =
          new com.fasterxml.jackson.dataformat.yaml.YAMLFactory().createParser(file.toFile())) {
        List<JsonNode> documents = Manifests.YAML.readValues(parser, JsonNode.class).readAll();
        assertThat(documents)
            .as("YAML documents in %s", file)
            .isNotEmpty()
            .allMatch(JsonNode::isObject);
      }
    }
  }

  @Test
  void everyExampleCognitoUserIsValidUnderTheCrdsSchema() throws IOException {
    JsonSchema schema = crdSchema();
    List<JsonNode> users = new ArrayList<>();
    for (Path file : yamlFiles()) {
      if (file.startsWith("deploy/examples")) {
        Manifests.read(file).ofKind("CognitoUser").forEach(users::add);
      }
    }
    assertThat(users).as("CognitoUsers among the examples").hasSizeGreaterThanOrEqualTo(2);
    for (JsonNode user : users) {
      assertThat(schema.validate(withoutMetadata(user)))
          .as("%s", user.path("metadata").path("name"))
          .isEmpty();
    }
  }

  @Test
  void theSchemaCheckRefusesABadCognitoUser() throws IOException {
    JsonNode bad =
        Manifests.YAML.readTree(
            "{apiVersion: cognito.operator.dev/v1alpha1, kind: CognitoUser,"
                + " spec: {userPoolId: 'no pool', passwordSecretRef: {name: x}}}");

    Set<ValidationMessage> problems = crdSchema().validate(bad);

    assertThat(problems.stream().map(ValidationMessage::getMessage))
        .anyMatch(m -> m.contains("username"))
        .anyMatch(m -> m.contains("userPoolId"));
  }

  private static JsonSchema crdSchema() {
    JsonNode crd = Manifests.readTree(Path.of("crds/cognitousers.cognito.operator.dev-v1.yml"));
    JsonNode openApi =
        crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(openApi);
  }

  /** metadata is the API server's to check; the CRD's schema leaves it open. */
  private static JsonNode withoutMetadata(JsonNode user) {
    ObjectNode copy = user.deepCopy();
    copy.remove("metadata");
    return copy;
  }

  private static List<Path> yamlFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String root : List.of("crds", "deploy")) {
      try (Stream<Path> walk = Files.walk(Path.of(root))) {
        walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
            .filter(f -> !f.toString().contains("/templates/"))
            .forEach(files::add);
      }
    }
    return files;
  }
}
