package dev.operator.cognito.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
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

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "a malformed pool id | {userPoolId: 'us-east-1 pool', username: ana, passwordSecretRef: {name: s}} | userPoolId",
        "a pool id without region | {userPoolId: 'Pool1', username: ana, passwordSecretRef: {name: s}} | userPoolId",
        "a too-long username | {userPoolId: us-east-1_Abc, username: '%s', passwordSecretRef: {name: s}} | username",
        "a username with a space | {userPoolId: us-east-1_Abc, username: 'ana maria', passwordSecretRef: {name: s}} | username",
        "a bad key name | {userPoolId: us-east-1_Abc, username: ana, passwordSecretRef: {name: s, key: 'pass/word'}} | key",
        "a bad Secret name | {userPoolId: us-east-1_Abc, username: ana, passwordSecretRef: {name: 'My_Secret'}} | name",
        "an unknown creation policy | {userPoolId: us-east-1_Abc, username: ana, passwordSecretRef: {name: s}, creationPolicy: Always} | creationPolicy",
        "an unknown deletion policy | {userPoolId: us-east-1_Abc, username: ana, passwordSecretRef: {name: s}, deletionPolicy: Orphan} | deletionPolicy",
        "an unknown MFA setting | {userPoolId: us-east-1_Abc, username: ana, passwordSecretRef: {name: s}, mfa: {sms: Sometimes}} | sms",
        "TOTP turned on | {userPoolId: us-east-1_Abc, username: ana, passwordSecretRef: {name: s}, mfa: {softwareToken: Enabled}} | softwareToken",
        "a sign-out flag that is no boolean | {userPoolId: us-east-1_Abc, username: ana, passwordSecretRef: {name: s}, signOutOnPasswordChange: sometimes} | signOutOnPasswordChange"
      })
  void theSchemaRefuses(String what, String spec, String field) throws IOException {
    JsonNode bad =
        Manifests.YAML.readTree(
            "{apiVersion: cognito.operator.dev/v1alpha1, kind: CognitoUser, spec: "
                + spec.formatted("u".repeat(129))
                + "}");

    Set<ValidationMessage> problems = crdSchema().validate(bad);

    assertThat(problems.stream().map(ValidationMessage::getMessage))
        .as(what)
        .anyMatch(m -> m.contains(field));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "ana@example.com",
        "ana+test@example.com",
        "zoë",
        "Łukasz",
        "用户",
        "o'brien",
        "a%2Fb"
      })
  void theSchemaTakesUsernamesThatNeedEscapingOrAreNotAscii(String username) throws IOException {
    ObjectNode user =
        (ObjectNode)
            Manifests.YAML.readTree(
                "{apiVersion: cognito.operator.dev/v1alpha1, kind: CognitoUser, spec:"
                    + " {userPoolId: us-east-1_Abc, passwordSecretRef: {name: s, key: app.password}}}");
    ((ObjectNode) user.path("spec")).put("username", username);

    assertThat(crdSchema().validate(user)).isEmpty();
  }

  private static JsonSchema crdSchema() {
    JsonNode crd = Manifests.readTree(Path.of("crds/cognitousers.cognito.operator.dev-v1.yml"));
    JsonNode openApi =
        crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    // the API server's CEL rules (x-kubernetes-validations) need an old object:
    // CrdValidationRulesTest
    JsonMetaSchema kubernetes =
        JsonMetaSchema.builder(JsonMetaSchema.getV4())
            .keyword(new NonValidationKeyword("x-kubernetes-validations"))
            .build();
    return JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V4,
            b -> b.metaSchema(kubernetes).defaultMetaSchemaIri(kubernetes.getIri()))
        .getSchema(openApi);
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
