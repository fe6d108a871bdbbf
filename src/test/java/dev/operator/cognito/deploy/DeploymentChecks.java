package dev.operator.cognito.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every install of the operator's pod must hold, however it was rendered. */
final class DeploymentChecks {

  private DeploymentChecks() {}

  static void assertHardened(JsonNode podSpec) {
    JsonNode pod = podSpec.path("securityContext");
    assertThat(pod.path("runAsNonRoot").asBoolean()).as("runAsNonRoot").isTrue();
    assertThat(pod.path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
    JsonNode container = podSpec.path("containers").get(0);
    JsonNode security = container.path("securityContext");
    assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(security.path("capabilities").path("drop")).hasToString("[\"ALL\"]");
    assertThat(container.path("resources").path("requests").path("memory").asText()).isNotEmpty();
    assertThat(container.path("resources").path("limits").path("memory").asText()).isNotEmpty();
    for (String probe : new String[] {"startupProbe", "livenessProbe", "readinessProbe"}) {
      assertThat(container.path(probe).path("httpGet").path("path").asText())
          .as(probe)
          .startsWith("/");
    }
    assertThat(podSpec.path("topologySpreadConstraints").get(0).path("topologyKey").asText())
        .isEqualTo("kubernetes.io/hostname");
  }

  static Map<String, String> env(JsonNode deployment) {
    Map<String, String> env = new LinkedHashMap<>();
    deployment
        .path("spec")
        .path("template")
        .path("spec")
        .path("containers")
        .get(0)
        .path("env")
        .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    return env;
  }
}
