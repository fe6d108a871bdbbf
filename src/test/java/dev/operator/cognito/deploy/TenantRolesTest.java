package dev.operator.cognito.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The roles the installs give the people who write CognitoUsers (not the operator): through edit
 * and admin they may manage CognitoUsers, but never write their status (a cache the operator does
 * not trust, which a tenant could use to hide or fake what it reports) nor touch UserPoolGrants.
 */
class TenantRolesTest {

  private static final String GROUP = "cognito.operator.dev";
  private static final Set<String> EDIT_VERBS =
      Set.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");

  static Stream<Arguments> installs() {
    return Stream.of(
        Arguments.of("the Kustomize base", Manifests.kustomizeBase()),
        Arguments.of("the Helm chart", HelmChartTest.render(t -> t)),
        Arguments.of(
            "the Helm chart with watchNamespaces",
            HelmChartTest.render(t -> t.set("watchNamespaces[0]", "team-a"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("installs")
  void theEditorManagesCognitoUsersButNeverTheirStatusAndAggregatesToEditAndAdmin(
      String install, Manifests manifests) {
    JsonNode editor = manifests.named("ClusterRole", "cognito-user-editor");

    assertThat(editor.path("metadata").path("labels").path(aggregateTo("edit")).asText())
        .isEqualTo("true");
    assertThat(editor.path("metadata").path("labels").path(aggregateTo("admin")).asText())
        .isEqualTo("true");
    assertNoWildcards(editor);
    assertThat(resources(editor))
        .doesNotContain(GROUP + " cognitousers/status")
        .containsExactly(GROUP + " cognitousers");
    assertThat(verbs(editor)).containsExactlyInAnyOrderElementsOf(EDIT_VERBS);
    assertThat(boundBy(manifests, "cognito-user-editor"))
        .as("the operator's own access never comes from the tenants' role")
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("installs")
  void theViewerOnlyReadsAndAggregatesToView(String install, Manifests manifests) {
    JsonNode viewer = manifests.named("ClusterRole", "cognito-user-viewer");

    assertThat(viewer.path("metadata").path("labels").path(aggregateTo("view")).asText())
        .isEqualTo("true");
    assertThat(viewer.path("metadata").path("labels").has(aggregateTo("edit"))).isFalse();
    assertNoWildcards(viewer);
    assertThat(resources(viewer))
        .containsExactlyInAnyOrder(GROUP + " cognitousers", GROUP + " cognitousers/status");
    assertThat(verbs(viewer)).containsExactlyInAnyOrder("get", "list", "watch");
    assertThat(boundBy(manifests, "cognito-user-viewer")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("installs")
  void noAggregatedRoleWritesStatusOrTouchesGrants(String install, Manifests manifests) {
    List<JsonNode> aggregated =
        manifests
            .ofKind("ClusterRole")
            .filter(
                r ->
                    Stream.of("edit", "admin", "view")
                        .anyMatch(to -> r.path("metadata").path("labels").has(aggregateTo(to))))
            .toList();

    assertThat(aggregated).hasSize(2);
    for (JsonNode role : aggregated) {
      for (JsonNode rule : role.path("rules")) {
        List<String> ruleResources = texts(rule.path("resources"));
        assertThat(ruleResources).as("%s", role.path("metadata").path("name")).isNotEmpty();
        assertThat(ruleResources).doesNotContain("userpoolgrants");
        if (ruleResources.contains("cognitousers/status")) {
          assertThat(texts(rule.path("verbs")))
              .as("%s on cognitousers/status", role.path("metadata").path("name"))
              .isSubsetOf("get", "list", "watch");
        }
      }
    }
  }

  @Test
  void theChartLeavesTheTenantsRolesOutWhenAsked() {
    assertThat(
            HelmChartTest.render(t -> t.set("rbac.tenantRoles", false))
                .ofKind("ClusterRole")
                .map(r -> r.path("metadata").path("name").asText()))
        .doesNotContain("cognito-user-editor", "cognito-user-viewer");
    assertThat(HelmChartTest.render(t -> t.set("rbac.create", false)).ofKind("ClusterRole"))
        .isEmpty();
  }

  private static String aggregateTo(String role) {
    return "rbac.authorization.k8s.io/aggregate-to-" + role;
  }

  private static void assertNoWildcards(JsonNode role) {
    for (JsonNode rule : role.path("rules")) {
      assertThat(texts(rule.path("apiGroups"))).containsExactly(GROUP).doesNotContain("*");
      assertThat(texts(rule.path("resources"))).noneMatch(r -> r.contains("*"));
      assertThat(texts(rule.path("verbs"))).doesNotContain("*");
      assertThat(rule.has("nonResourceURLs")).isFalse();
    }
    assertThat(role.has("aggregationRule")).isFalse();
  }

  private static Set<String> resources(JsonNode role) {
    Set<String> all = new TreeSet<>();
    for (JsonNode rule : role.path("rules")) {
      for (String group : texts(rule.path("apiGroups"))) {
        texts(rule.path("resources")).forEach(r -> all.add(group + " " + r));
      }
    }
    return all;
  }

  private static Set<String> verbs(JsonNode role) {
    Set<String> all = new TreeSet<>();
    role.path("rules").forEach(rule -> all.addAll(texts(rule.path("verbs"))));
    return all;
  }

  private static List<String> boundBy(Manifests manifests, String clusterRole) {
    return Stream.concat(manifests.ofKind("ClusterRoleBinding"), manifests.ofKind("RoleBinding"))
        .filter(b -> b.path("roleRef").path("name").asText().equals(clusterRole))
        .map(b -> b.path("metadata").path("name").asText())
        .toList();
  }

  private static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    StreamSupport.stream(list.spliterator(), false).forEach(n -> out.add(n.asText()));
    return out;
  }
}
