package dev.operator.cognito.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The checked-in CRD is exactly what the build generates from the model, and it is complete. */
class CrdTest {

  static final Path CHECKED_IN = Path.of("crds", "cognitousers.cognito.operator.dev-v1.yml");

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "cognitousers.cognito.operator.dev-v1.yml",
        "userpoolgrants.cognito.operator.dev-v1.yml"
      })
  void everyCheckedInCrdMatchesTheOneGeneratedFromTheModel(String file) throws Exception {
    Path checkedIn = Path.of("crds", file);
    Path generated = Path.of("target", "classes", "META-INF", "fabric8", file);
    assertThat(generated).as("the build generates the CRD in process-classes").exists();

    assertThat(Files.readString(checkedIn))
        .as(
            "%s differs from the CRD generated from the Java model; to update it run:"
                + " mvn process-classes && cp %s crds/",
            checkedIn, generated)
        .isEqualTo(Files.readString(generated));
  }

  @Test
  void hasTheStatusSubresourceAndPrinterColumns() throws Exception {
    CustomResourceDefinitionVersion version = crd().getSpec().getVersions().get(0);

    assertThat(crd().getSpec().getGroup()).isEqualTo("cognito.operator.dev");
    assertThat(crd().getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd().getSpec().getNames().getPlural()).isEqualTo("cognitousers");
    assertThat(version.getName()).isEqualTo("v1alpha1");
    assertThat(version.getSubresources().getStatus()).isNotNull();
    assertThat(version.getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName)
        .contains("Username", "Pool", "Status", "Ready", "Age");
  }

  @Test
  void everyFieldHasADescriptionForKubectlExplain() throws Exception {
    JSONSchemaProps root = schema();
    List<String> undocumented = new ArrayList<>();
    collectUndocumented("spec", root.getProperties().get("spec"), undocumented);
    collectUndocumented("status", root.getProperties().get("status"), undocumented);

    assertThat(undocumented).isEmpty();
  }

  @Test
  void theSchemaRefusesBadManifests() throws Exception {
    JSONSchemaProps spec = schema().getProperties().get("spec");
    Map<String, JSONSchemaProps> fields = spec.getProperties();

    assertThat(spec.getRequired())
        .containsExactlyInAnyOrder("userPoolId", "username", "passwordSecretRef");
    assertThat(fields.get("passwordSecretRef").getRequired()).containsExactly("name");
    assertThat(fields.get("passwordSecretRef").getProperties().get("key").getDefault().asText())
        .isEqualTo("password");
    assertThat(fields.get("permanent").getDefault().asBoolean()).isTrue();

    Pattern pool = Pattern.compile(fields.get("userPoolId").getPattern());
    assertThat(pool.matcher("us-west-2_EXAMPLE").matches()).isTrue();
    assertThat(pool.matcher("us-west-2-EXAMPLE").matches()).isFalse();
    assertThat(pool.matcher("us west 2_EXAMPLE").matches()).isFalse();
    assertThat(fields.get("userPoolId").getMaxLength()).isEqualTo(55L);
    assertThat(fields.get("username").getMaxLength()).isEqualTo(128L);
    assertThat(fields.get("username").getMinLength()).isEqualTo(1L);
    Pattern secretName =
        Pattern.compile(fields.get("passwordSecretRef").getProperties().get("name").getPattern());
    assertThat(secretName.matcher("diego-password").matches()).isTrue();
    assertThat(secretName.matcher("Diego_Password").matches()).isFalse();
    assertThat(secretName.matcher("../etc").matches()).isFalse();
  }

  private static void collectUndocumented(String path, JSONSchemaProps props, List<String> out) {
    if (props.getDescription() == null || props.getDescription().isBlank()) {
      out.add(path);
    }
    if (props.getProperties() != null) {
      props
          .getProperties()
          .forEach((name, child) -> collectUndocumented(path + "." + name, child, out));
    }
    if (props.getItems() != null && props.getItems().getSchema() != null) {
      JSONSchemaProps items = props.getItems().getSchema();
      if (items.getProperties() != null) {
        items
            .getProperties()
            .forEach((name, child) -> collectUndocumented(path + "[]." + name, child, out));
      }
    }
  }

  private static CustomResourceDefinition crd() throws Exception {
    return new KubernetesSerialization()
        .unmarshal(Files.newInputStream(CHECKED_IN), CustomResourceDefinition.class);
  }

  private static JSONSchemaProps schema() throws Exception {
    return crd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
  }
}
