package dev.operator.cognito.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CRD's CEL rules (x-kubernetes-validations) that keep a CognitoUser on one pool and region: as
 * text at the right places in crds/, and evaluated, as the API server would on an update, by
 * cel-java on pairs of old and new specs. The in-memory API server of the integration tests runs no
 * CEL, so this is where the rules are tried.
 */
class CrdValidationRulesTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String BASE =
      "{userPoolId: us-west-2_AbC123, username: diego, passwordSecretRef: {name: diego-password},"
          + " region: us-west-2, groups: [admins], attributes: {email: diego@example.com}}";
  private static final String BASE_NO_REGION =
      "{userPoolId: us-west-2_AbC123, username: diego, passwordSecretRef: {name: diego-password}}";

  @Test
  void theUserPoolIdMayNotChangeAndTheMessageSaysHowToMoveAUser() throws Exception {
    List<ValidationRule> rules = rulesOf(spec().getProperties().get("userPoolId"));

    assertThat(rules).hasSize(1);
    assertThat(rules.get(0).getRule()).isEqualTo("self == oldSelf");
    assertThat(rules.get(0).getMessage())
        .isEqualTo(CognitoUserSpec.POOL_IMMUTABLE)
        .contains("spec.userPoolId", "immutable")
        .contains("delete this CognitoUser and create a new one")
        .contains("deletionPolicy Retain");
  }

  @Test
  void theRegionMayNotBeSetChangedOrRemovedWhichOnlyARuleOnSpecCanSee() throws Exception {
    List<ValidationRule> rules = rulesOf(spec());

    assertThat(rules).hasSize(1);
    ValidationRule region = rules.get(0);
    assertThat(region.getRule())
        .isEqualTo(CognitoUserSpec.REGION_UNCHANGED)
        .isEqualTo(
            "has(self.region) == has(oldSelf.region)"
                + " && (!has(self.region) || self.region == oldSelf.region)");
    assertThat(region.getFieldPath()).isEqualTo(".region");
    assertThat(region.getMessage())
        .isEqualTo(CognitoUserSpec.REGION_IMMUTABLE)
        .contains("spec.region")
        .contains("delete this CognitoUser and create a new one")
        .contains("deletionPolicy Retain");
    assertThat(rulesOf(spec().getProperties().get("region")))
        .as("a rule on the optional field itself would miss its setting and removal")
        .isEmpty();
  }

  @Test
  void onlyThoseRulesAndNoneOnTheUsernameOrTheCheapStringsTheyCompare() throws Exception {
    JSONSchemaProps spec = spec();
    List<String> placed = new ArrayList<>();
    collectRules("spec", spec, placed);

    assertThat(placed)
        .containsExactlyInAnyOrder(
            "spec: " + CognitoUserSpec.REGION_UNCHANGED,
            "spec.userPoolId: self == oldSelf",
            "spec.passwordSecretRef: " + ROTATION_NEEDS_GENERATE,
            "spec.passwordSecretRef.rotation.every: " + AT_LEAST_AN_HOUR,
            "spec.mfa: " + MfaSpec.ONE_PREFERRED);
    assertThat(
            spec.getProperties()
                .get("passwordSecretRef")
                .getProperties()
                .get("rotation")
                .getProperties()
                .get("every")
                .getMaxLength())
        .as("the duration the rule parses is short")
        .isNotNull();
    // the API server estimates a rule's cost from the lengths it compares
    assertThat(spec.getProperties().get("userPoolId").getMaxLength()).isNotNull();
    assertThat(spec.getProperties().get("region").getMaxLength()).isNotNull();
  }

  static final String ROTATION_NEEDS_GENERATE = "!has(self.rotation) || has(self.generate)";
  static final String AT_LEAST_AN_HOUR = "duration(self) >= duration('1h')";

  @ParameterizedTest(name = "rotation every {0}: allowed {1}")
  @CsvSource({"720h, true", "1h, true", "1h30m, true", "59m, false", "3599s, false", "30m, false"})
  void aRotationIntervalIsAtLeastAnHour(String every, boolean allowed) throws Exception {
    assertThat(evaluate(AT_LEAST_AN_HOUR, SimpleType.STRING, every, every)).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "generated and rotated | {name: s, generate: {length: 24}, rotation: {every: 720h}} | true",
        "generated only | {name: s, generate: {}} | true",
        "a person's Secret | {name: s} | true",
        "rotated but not generated | {name: s, rotation: {every: 720h}} | false"
      })
  void onlyAGeneratedPasswordIsRotated(String what, String ref, boolean allowed) throws Exception {
    Map<String, Object> self = yaml(ref);
    assertThat(
            evaluate(
                ROTATION_NEEDS_GENERATE,
                MapType.create(SimpleType.STRING, SimpleType.DYN),
                self,
                self))
        .as(what)
        .isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "nothing changed | {} | true",
        "the username changed | {username: diego@example.com} | true",
        "the groups, attributes and policies changed | {groups: [], attributes: {}, deletionPolicy:"
            + " Delete, enabled: false} | true",
        "the password's Secret changed | {passwordSecretRef: {name: other, key: pw}} | true",
        "the pool changed | {userPoolId: us-west-2_Other1} | false",
        "the region changed | {region: eu-west-1} | false",
        "the region was removed | {region: null} | false"
      })
  void anUpdateOfASpecWithARegion(String what, String change, boolean allowed) throws Exception {
    Map<String, Object> old = yaml(BASE);
    Map<String, Object> updated = merge(yaml(BASE), yaml(change));

    assertThat(allowedUpdate(old, updated)).as(what).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "nothing changed | {} | true",
        "the username changed | {username: Diego} | true",
        "a region was added, even the pool's own | {region: us-west-2} | false",
        "the pool changed | {userPoolId: eu-west-1_Other1} | false"
      })
  void anUpdateOfASpecWithoutARegion(String what, String change, boolean allowed) throws Exception {
    Map<String, Object> old = yaml(BASE_NO_REGION);
    Map<String, Object> updated = merge(yaml(BASE_NO_REGION), yaml(change));

    assertThat(allowedUpdate(old, updated)).as(what).isEqualTo(allowed);
  }

  @Test
  void theMfaRuleSaysWhatToDoAndIsNoTransitionRule() throws Exception {
    List<ValidationRule> rules = rulesOf(spec().getProperties().get("mfa"));

    assertThat(rules).hasSize(1);
    assertThat(rules.get(0).getRule()).doesNotContain("oldSelf");
    assertThat(rules.get(0).getMessage())
        .isEqualTo(MfaSpec.ONE_PREFERRED_MESSAGE)
        .contains("at most one")
        .contains("Preferred");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "nothing at all | {} | true",
        "one kind preferred | {sms: Preferred, email: Enabled} | true",
        "the other kind preferred | {sms: Disabled, email: Preferred} | true",
        "one preferred, the other left out | {email: Preferred, softwareToken: Disabled} | true",
        "none preferred | {sms: Enabled, email: Enabled} | true",
        "two preferred | {sms: Preferred, email: Preferred} | false",
        "two preferred beside TOTP off | {sms: Preferred, email: Preferred, softwareToken:"
            + " Disabled} | false"
      })
  void atMostOneKindOfMfaIsPreferred(String what, String mfa, boolean allowed) throws Exception {
    String rule = rulesOf(spec().getProperties().get("mfa")).get(0).getRule();

    assertThat(
            evaluate(rule, MapType.create(SimpleType.STRING, SimpleType.DYN), Map.of(), yaml(mfa)))
        .as(what)
        .isEqualTo(allowed);
  }

  /**
   * Every transition rule of spec and its fields, as the API server applies them to an update: a
   * rule on a field only when the field is in both the old and the new object.
   */
  private static boolean allowedUpdate(Map<String, Object> old, Map<String, Object> updated)
      throws Exception {
    JSONSchemaProps spec = spec();
    boolean allowed = true;
    for (ValidationRule rule : transitionRules(spec)) {
      allowed &=
          evaluate(rule.getRule(), MapType.create(SimpleType.STRING, SimpleType.DYN), old, updated);
    }
    for (Map.Entry<String, JSONSchemaProps> field : spec.getProperties().entrySet()) {
      String name = field.getKey();
      if (!old.containsKey(name) || !updated.containsKey(name)) {
        continue;
      }
      for (ValidationRule rule : transitionRules(field.getValue())) {
        assertThat(field.getValue().getType()).isEqualTo("string");
        allowed &= evaluate(rule.getRule(), SimpleType.STRING, old.get(name), updated.get(name));
      }
    }
    return allowed;
  }

  private static boolean evaluate(String rule, CelType type, Object oldSelf, Object self)
      throws Exception {
    Cel cel =
        CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", type)
            .addVar("oldSelf", type)
            .setResultType(SimpleType.BOOL)
            .build();
    CelAbstractSyntaxTree ast = cel.compile(rule).getAst();
    return (Boolean) cel.createProgram(ast).eval(Map.of("self", self, "oldSelf", oldSelf));
  }

  private static void collectRules(String path, JSONSchemaProps props, List<String> out) {
    rulesOf(props).forEach(r -> out.add(path + ": " + r.getRule()));
    if (props.getProperties() != null) {
      props.getProperties().forEach((name, child) -> collectRules(path + "." + name, child, out));
    }
    if (props.getItems() != null && props.getItems().getSchema() != null) {
      collectRules(path + "[]", props.getItems().getSchema(), out);
    }
    if (props.getAdditionalProperties() != null
        && props.getAdditionalProperties().getSchema() != null) {
      collectRules(path + "{}", props.getAdditionalProperties().getSchema(), out);
    }
  }

  /** Rules that compare with the old object: those that decide whether an update is allowed. */
  private static List<ValidationRule> transitionRules(JSONSchemaProps props) {
    return rulesOf(props).stream().filter(r -> r.getRule().contains("oldSelf")).toList();
  }

  private static List<ValidationRule> rulesOf(JSONSchemaProps props) {
    return props.getXKubernetesValidations() == null
        ? List.of()
        : props.getXKubernetesValidations();
  }

  private static JSONSchemaProps spec() throws Exception {
    CustomResourceDefinition crd =
        new KubernetesSerialization()
            .unmarshal(Files.newInputStream(CrdTest.CHECKED_IN), CustomResourceDefinition.class);
    return crd.getSpec()
        .getVersions()
        .get(0)
        .getSchema()
        .getOpenAPIV3Schema()
        .getProperties()
        .get("spec");
  }

  private static Map<String, Object> yaml(String text) throws Exception {
    return YAML.readValue(text, new TypeReference<Map<String, Object>>() {});
  }

  /** A merge patch: null removes a field. */
  private static Map<String, Object> merge(Map<String, Object> target, Map<String, Object> patch) {
    patch.forEach(
        (k, v) -> {
          if (v == null) {
            target.remove(k);
          } else {
            target.put(k, v);
          }
        });
    return target;
  }
}
