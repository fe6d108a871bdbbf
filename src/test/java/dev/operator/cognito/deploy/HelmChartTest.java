package dev.operator.cognito.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The Helm chart, linted and rendered with helm-java (Helm's own code, no helm binary). */
class HelmChartTest {

  static final Path CHART = Path.of("deploy/helm/cognito-user-operator");

  static Manifests render(UnaryOperator<TemplateCommand> values) {
    return Manifests.parse(
        values.apply(new Helm(CHART).template().withName("cuo").withNamespace("ops")).call());
  }

  @Test
  void theChartLints() {
    LintResult lint = new Helm(CHART).lint().strict().call();

    assertThat(lint.isFailed()).as("helm lint: %s", lint.getMessages()).isFalse();
  }

  @Test
  void defaultsRenderAHardenedDeploymentWithItsCrdRbacServiceAndBudget() {
    Manifests chart = render(t -> t);

    assertThat(chart.all().stream().map(o -> o.path("kind").asText()))
        .contains(
            "CustomResourceDefinition",
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Deployment",
            "Service",
            "PodDisruptionBudget")
        .doesNotContain("ServiceMonitor", "NetworkPolicy");
    JsonNode pod = chart.one("Deployment").path("spec").path("template").path("spec");
    DeploymentChecks.assertHardened(pod);
    assertThat(chart.one("Deployment").path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(DeploymentChecks.env(chart.one("Deployment")))
        .as("fail closed: a namespace no UserPoolGrant matches may use no pool")
        .containsEntry("USER_POOL_GRANTS", "required");
    assertThat(chart.ofKind("CustomResourceDefinition"))
        .as("crds.keep is on by default")
        .hasSize(2)
        .allSatisfy(
            crd ->
                assertThat(crd.path("metadata").path("annotations"))
                    .hasToString("{\"helm.sh/resource-policy\":\"keep\"}"));
  }

  /** Artifact Hub reads these: each must parse, and name the chart's own CRDs and image. */
  @Test
  void theArtifactHubAnnotationsNameTheChartsCrdsAndImage() throws Exception {
    JsonNode chart = Manifests.readTree(CHART.resolve("Chart.yaml"));
    JsonNode annotations = chart.path("annotations");

    JsonNode crds = Manifests.YAML.readTree(annotations.path("artifacthub.io/crds").asText());
    java.util.List<String> names = new java.util.ArrayList<>();
    crds.forEach(c -> names.add(c.path("name").asText()));
    assertThat(names).containsExactlyInAnyOrder(KustomizeTest.CRDS.stream().toArray(String[]::new));
    JsonNode images = Manifests.YAML.readTree(annotations.path("artifacthub.io/images").asText());
    assertThat(images.get(0).path("image").asText())
        .isEqualTo("cognito-user-operator:" + chart.path("appVersion").asText());
    JsonNode example =
        Manifests.YAML.readTree(annotations.path("artifacthub.io/crdsExamples").asText()).get(0);
    assertThat(example.path("kind").asText()).isEqualTo("CognitoUser");
    JsonNode changes = Manifests.YAML.readTree(annotations.path("artifacthub.io/changes").asText());
    assertThat(changes)
        .allSatisfy(
            c ->
                assertThat(c.path("kind").asText())
                    .isIn("added", "changed", "deprecated", "removed", "fixed", "security"));
  }

  @Test
  void theChartsCrdsAreTheGeneratedOnes() {
    Manifests chart = render(t -> t);
    for (String crd : KustomizeTest.CRDS) {
      JsonNode rendered = chart.named("CustomResourceDefinition", crd).deepCopy();
      ((com.fasterxml.jackson.databind.node.ObjectNode) rendered.path("metadata"))
          .remove(java.util.List.of("labels", "annotations"));

      assertThat(rendered).isEqualTo(Manifests.readTree(Path.of("crds/" + crd + "-v1.yml")));
    }
  }

  @Test
  void theChartGrantsWhatTheKustomizeBaseGrants() {
    assertThat(render(t -> t).rbacRules())
        .containsExactlyInAnyOrderElementsOf(Manifests.kustomizeBase().rbacRules());
  }

  @Test
  void watchNamespacesGrantsPerNamespaceAndSetsTheVariable() {
    Manifests chart =
        render(t -> t.set("watchNamespaces[0]", "team-a").set("watchNamespaces[1]", "team-b"));

    assertThat(chart.ofKind("ClusterRole").map(r -> r.path("metadata").path("name").asText()))
        .as("only the grants' ClusterRole, and the tenants' roles")
        .containsExactlyInAnyOrder(
            "cuo-cognito-user-operator-grants", "cognito-user-editor", "cognito-user-viewer");
    assertThat(chart.find("Role", "team-a")).isPresent();
    assertThat(chart.find("RoleBinding", "team-b")).isPresent();
    assertThat(DeploymentChecks.env(chart.one("Deployment")))
        .containsEntry("WATCH_NAMESPACES", "team-a,team-b");
  }

  @Test
  void optionalObjectsAppearWhenEnabled() {
    Manifests chart =
        render(
            t ->
                t.set("serviceMonitor.enabled", true)
                    .set("serviceMonitor.interval", "15s")
                    .set("serviceMonitor.labels.release", "prometheus")
                    .set("networkPolicy.enabled", true)
                    .set("podDisruptionBudget.enabled", false)
                    .set("crds.enabled", false)
                    .set(
                        "extraObjects[0]",
                        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-extra"));

    JsonNode monitor = chart.one("ServiceMonitor");
    assertThat(monitor.path("spec").path("endpoints").get(0).path("interval").asText())
        .isEqualTo("15s");
    assertThat(monitor.path("metadata").path("labels").path("release").asText())
        .isEqualTo("prometheus");
    assertThat(chart.one("NetworkPolicy").path("spec").path("policyTypes"))
        .hasToString("[\"Ingress\",\"Egress\"]");
    assertThat(chart.ofKind("PodDisruptionBudget")).isEmpty();
    assertThat(chart.ofKind("CustomResourceDefinition")).isEmpty();
    assertThat(chart.one("ConfigMap").path("metadata").path("name").asText())
        .isEqualTo("cuo-extra");
  }

  @Test
  void imageSettingsAndOperatorSettingsReachThePod() {
    Manifests chart =
        render(
            t ->
                t.set("image.repository", "registry.example/cuo")
                    .set("image.digest", "sha256:" + "a".repeat(64))
                    .set("config.cognitoWritesPerSecond", 5)
                    .set("config.allowedRegions[0]", "eu-west-1")
                    .set("log.format", "json")
                    .set("userPoolGrants", "optional")
                    .set("leaderElection.enabled", false)
                    .set(
                        "serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn",
                        "arn:aws:iam::1:role/r")
                    .set("commonLabels.team", "platform"));

    JsonNode deployment = chart.one("Deployment");
    JsonNode container =
        deployment.path("spec").path("template").path("spec").path("containers").get(0);
    assertThat(container.path("image").asText())
        .isEqualTo("registry.example/cuo@sha256:" + "a".repeat(64));
    Map<String, String> env = DeploymentChecks.env(deployment);
    assertThat(env)
        .containsEntry("COGNITO_WRITES_PER_SECOND", "5")
        .containsEntry("ALLOWED_REGIONS", "eu-west-1")
        .containsEntry("LOG_FORMAT", "json")
        .containsEntry("USER_POOL_GRANTS", "optional")
        .containsEntry("LEADER_ELECTION", "false")
        .containsKeys(
            "STATUS_REFRESH_INTERVAL",
            "RECHECK_INTERVAL",
            "RETRY_INITIAL_INTERVAL",
            "RETRY_MAX_INTERVAL",
            "COGNITO_READS_PER_SECOND",
            "COGNITO_CREATES_PER_SECOND",
            "COGNITO_UPDATES_PER_SECOND",
            "COGNITO_GROUP_CHANGES_PER_SECOND",
            "COGNITO_CALL_TIMEOUT",
            "FINGERPRINT_KEY_SECRET",
            "HTTP_PORT",
            "LEADER_ELECTION_LEASE_NAME",
            "RECONCILE_THREADS",
            "LOG_LEVEL",
            "LIBRARY_LOG_LEVEL");
    assertThat(
            chart
                .one("ServiceAccount")
                .path("metadata")
                .path("annotations")
                .path("eks.amazonaws.com/role-arn")
                .asText())
        .isEqualTo("arn:aws:iam::1:role/r");
    assertThat(chart.all())
        .allSatisfy(
            o ->
                assertThat(o.path("metadata").path("labels").path("team").asText())
                    .isEqualTo("platform"));
  }

  @Test
  void theSchemaRefusesUnknownKeysAndWrongTypes() {
    assertThatThrownBy(() -> render(t -> t.set("replicaCount", "two")))
        .hasMessageContaining("replicaCount");
    assertThatThrownBy(() -> render(t -> t.set("serviceMonitr.enabled", true)))
        .hasMessageContaining("serviceMonitr");
    assertThatThrownBy(() -> render(t -> t.set("log.format", "xml")))
        .hasMessageContaining("format");
    assertThatThrownBy(() -> render(t -> t.set("config.recheckInterval", "soon")))
        .hasMessageContaining("recheckInterval");
    assertThatThrownBy(() -> render(t -> t.set("userPoolGrants", "sometimes")))
        .hasMessageContaining("userPoolGrants");
  }
}
