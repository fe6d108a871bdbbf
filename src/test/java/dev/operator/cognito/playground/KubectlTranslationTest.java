package dev.operator.cognito.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pieces that make the in-memory API server answer kubectl as a real one does. */
class KubectlTranslationTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void stringDataIsEncodedIntoDataAndNotKept() throws Exception {
    JsonNode secret =
        json.readTree(
            "{\"kind\":\"Secret\",\"data\":{\"a\":\"b2xk\",\"keep\":\"eA==\"},"
                + "\"stringData\":{\"a\":\"new\",\"c\":\"ünï\"}}");

    assertThat(SecretStringData.moveIntoData(secret)).isTrue();

    assertThat(secret.has("stringData")).isFalse();
    assertThat(secret.path("data").path("a").asText()).isEqualTo("bmV3");
    assertThat(secret.path("data").path("keep").asText()).isEqualTo("eA==");
    assertThat(secret.path("data").path("c").asText()).isEqualTo("w7xuw68=");
  }

  @Test
  void aSecretWithoutStringDataIsLeftAlone() throws Exception {
    JsonNode secret = json.readTree("{\"data\":{\"a\":\"b2xk\"}}");

    assertThat(SecretStringData.moveIntoData(secret)).isFalse();
    assertThat(secret.toString()).isEqualTo("{\"data\":{\"a\":\"b2xk\"}}");
  }

  @Test
  void strategicMergeDirectivesAreDroppedAtEveryDepth() throws Exception {
    JsonNode patch =
        json.readTree(
            "{\"$retainKeys\":[\"x\"],\"metadata\":{\"$setElementOrder/finalizers\":[],"
                + "\"labels\":{\"a\":\"b\"}},\"items\":[{\"$patch\":\"delete\",\"n\":1}]}");

    StrategicMergePatch.dropDirectives(patch);

    assertThat(patch.toString())
        .isEqualTo("{\"metadata\":{\"labels\":{\"a\":\"b\"}},\"items\":[{\"n\":1}]}");
  }

  @Test
  void printerColumnPathsPickFieldsAndFilteredListElements() throws Exception {
    JsonNode user =
        json.readTree(
            "{\"spec\":{\"username\":\"diego\"},\"status\":{\"conditions\":["
                + "{\"type\":\"Other\",\"reason\":\"X\"},{\"type\":\"Ready\",\"reason\":\"PasswordSet\"}]}}");

    assertThat(JsonPathLite.read(user, ".spec.username")).map(JsonNode::asText).contains("diego");
    assertThat(JsonPathLite.read(user, ".status.conditions[?(@.type==\"Ready\")].reason"))
        .map(JsonNode::asText)
        .contains("PasswordSet");
    assertThat(JsonPathLite.read(user, ".status.conditions[?(@.type==\"Stalled\")].reason"))
        .isEmpty();
    assertThat(JsonPathLite.read(user, ".status.userStatus")).isEmpty();
    assertThatThrownBy(() -> JsonPathLite.read(user, ".spec.items[0]"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void agesReadAsKubectlShowsThem() {
    assertThat(TableView.human(Duration.ofSeconds(42))).isEqualTo("42s");
    assertThat(TableView.human(Duration.ofSeconds(310))).isEqualTo("5m10s");
    assertThat(TableView.human(Duration.ofMinutes(42))).isEqualTo("42m");
    assertThat(TableView.human(Duration.ofHours(5))).isEqualTo("5h");
    assertThat(TableView.human(Duration.ofDays(3))).isEqualTo("3d");
  }

  @Test
  void restPathsAreTakenApart() {
    assertThat(ApiPath.parse("/api/v1/namespaces/team-a/secrets/diego"))
        .contains(new ApiPath("v1", "team-a", "secrets", "diego", null));
    assertThat(ApiPath.parse("/apis/cognito.operator.dev/v1alpha1/cognitousers"))
        .contains(new ApiPath("cognito.operator.dev/v1alpha1", null, "cognitousers", null, null));
    assertThat(
            ApiPath.parse("/apis/cognito.operator.dev/v1alpha1/namespaces/a/cognitousers/b/status"))
        .contains(new ApiPath("cognito.operator.dev/v1alpha1", "a", "cognitousers", "b", "status"));
    assertThat(ApiPath.parse("/api/v1/namespaces/team-a"))
        .contains(new ApiPath("v1", null, "namespaces", "team-a", null));
    assertThat(ApiPath.parse("/version")).isEmpty();
  }

  @Test
  void fieldSelectorsKeepOnlyMatchingItems() throws Exception {
    JsonNode events =
        json.readTree(
            "{\"kind\":\"List\",\"items\":["
                + "{\"involvedObject\":{\"name\":\"diego\",\"kind\":\"CognitoUser\"}},"
                + "{\"involvedObject\":{\"name\":\"nora\",\"kind\":\"CognitoUser\"}},"
                + "{\"involvedObject\":{\"name\":\"diego\",\"kind\":\"Secret\"}}]}");

    JsonNode kept =
        KubectlCompatibleDispatcher.FieldSelector.parse(
                "involvedObject.name=diego,involvedObject.kind!=Secret")
            .filter(events);

    assertThat(kept.path("items")).hasSize(1);
    assertThat(kept.path("items").get(0).path("involvedObject").path("kind").asText())
        .isEqualTo("CognitoUser");
  }
}
