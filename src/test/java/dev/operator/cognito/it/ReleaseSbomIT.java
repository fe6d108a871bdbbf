package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The SBOM that {@code mvn package} writes beside the jar (CycloneDX, target/bom.json) describes
 * the jar that ships: the libraries it bundles, at their versions, and none of the tests' own.
 */
class ReleaseSbomIT {

  private static final Path BOM = Path.of("target", "bom.json");
  private static final Path JAR = Path.of("target", "cognito-user-operator.jar");

  @Test
  void theSbomListsWhatTheJarBundlesAndNothingOfTheTests() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.exists(BOM),
        "SKIPPED: no target/bom.json; the CycloneDX plugin makes none when Maven runs offline (-o)");
    JsonNode bom = new ObjectMapper().readTree(BOM.toFile());
    assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(bom.path("metadata").path("component").path("name").asText())
        .isEqualTo("cognito-user-operator");

    Set<String> components = new HashSet<>();
    bom.path("components")
        .forEach(c -> components.add(c.path("group").asText() + ":" + c.path("name").asText()));
    assertThat(components)
        .contains(
            "io.javaoperatorsdk:operator-framework-core",
            "io.fabric8:kubernetes-client",
            "software.amazon.awssdk:cognitoidentityprovider",
            "io.micrometer:micrometer-registry-prometheus")
        .noneMatch(c -> c.startsWith("org.junit"))
        .noneMatch(c -> c.contains("wiremock"))
        .noneMatch(c -> c.startsWith("org.assertj"))
        .noneMatch(c -> c.equals("io.fabric8:kube-api-test"));

    // each library the SBOM names with a version is the one the jar's own Maven metadata names
    try (JarFile jar = new JarFile(JAR.toFile())) {
      int checked = 0;
      for (JsonNode c : bom.path("components")) {
        String entry =
            "META-INF/maven/"
                + c.path("group").asText()
                + "/"
                + c.path("name").asText()
                + "/pom.properties";
        var properties = jar.getEntry(entry);
        if (properties == null) {
          continue;
        }
        var read = new java.util.Properties();
        read.load(jar.getInputStream(properties));
        assertThat(c.path("version").asText())
            .as("version of %s", entry)
            .isEqualTo(read.getProperty("version"));
        checked++;
      }
      assertThat(checked).as("libraries of the SBOM found in the jar").isGreaterThan(20);
    }
    assertThat(Files.size(BOM)).isPositive();
  }
}
