package dev.operator.cognito.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.operator.cognito.startup.RequiredAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Kustomize install ({@code kubectl apply -k deploy/}) and its namespaced overlay, checked
 * against what the operator needs: the same list its start-up check asks the API server about.
 */
class KustomizeTest {

  private static final String NS = "cognito-user-operator";
  private static final String KEY = "cognito-user-operator-fingerprint-key";
  static final java.util.List<String> CRDS =
      java.util.List.of("cognitousers.cognito.operator.dev", "userpoolgrants.cognito.operator.dev");

  @Test
  void theBaseInstallsAHardenedOperatorInARestrictedNamespace() {
    Manifests base = Manifests.kustomizeBase();

    JsonNode namespace = base.one("Namespace").path("metadata");
    assertThat(namespace.path("name").asText()).isEqualTo(NS);
    assertThat(namespace.path("labels").path("pod-security.kubernetes.io/enforce").asText())
        .isEqualTo("restricted");
    assertThat(
            base.one("ServiceAccount")
                .path("metadata")
                .path("annotations")
                .has("eks.amazonaws.com/role-arn"))
        .as("the IRSA annotation point")
        .isTrue();
    DeploymentChecks.assertHardened(
        base.one("Deployment").path("spec").path("template").path("spec"));
    assertThat(DeploymentChecks.env(base.one("Deployment")))
        .as("fail closed, spelled out: a namespace no UserPoolGrant matches may use no pool")
        .containsEntry("USER_POOL_GRANTS", "required");
    assertThat(base.one("Service").path("spec").path("ports").get(0).path("port").asInt())
        .isEqualTo(8080);
    assertThat(base.one("PodDisruptionBudget").path("spec").path("minAvailable").asInt())
        .isEqualTo(1);
    for (String crd : CRDS) {
      assertThat(base.named("CustomResourceDefinition", crd))
          .isEqualTo(Manifests.readTree(Path.of("crds/" + crd + "-v1.yml")));
    }
  }

  @Test
  void theBaseGrantsEverythingTheOperatorNeedsAndNoOtherSecretInItsNamespace() {
    RbacGrants grants = new RbacGrants(Manifests.kustomizeBase(), NS, NS);

    assertThat(grants.missing(RequiredAccess.of(Set.of(), NS, KEY, true))).isEmpty();
    assertThat(grants.allows(new RequiredAccess("create", "", "secrets", "", "kube-system", null)))
        .as("creating Secrets anywhere but its own namespace")
        .isFalse();
  }

  @Test
  void generatedPasswordsAreAPrivilegeOnlyTheComponentGrants() throws Exception {
    RbacGrants base = new RbacGrants(Manifests.kustomizeBase(), NS, NS);
    RequiredAccess patchAnywhere = new RequiredAccess("patch", "", "secrets", "", "team-a", null);
    assertThat(base.allows(patchAnywhere)).as("the base writes no Secret of a tenant").isFalse();
    assertThat(base.missing(RequiredAccess.of(Set.of(), NS, KEY, true, true)))
        .as("what the base lacks for generated passwords")
        .extracting(RequiredAccess::verb)
        .containsExactlyInAnyOrder("create", "patch");

    Manifests overlay = kustomize("deploy/overlays/generated-passwords");
    RbacGrants grants = new RbacGrants(overlay, NS, NS);
    assertThat(grants.missing(RequiredAccess.of(Set.of(), NS, KEY, true, true))).isEmpty();
    assertThat(grants.allows(new RequiredAccess("delete", "", "secrets", "", "team-a", null)))
        .isFalse();
    assertThat(DeploymentChecks.env(overlay.one("Deployment")))
        .containsEntry("GENERATED_PASSWORDS", "enabled");
  }

  @Test
  void theComponentAddsTheSameRightToEachNamespaceOfTheNamespacedOverlay() throws Exception {
    Path overlay = Files.createTempDirectory(Path.of("target"), "kustomize-");
    Files.writeString(
        overlay.resolve("kustomization.yaml"),
        "apiVersion: kustomize.config.k8s.io/v1beta1\n"
            + "kind: Kustomization\n"
            // kustomize takes no absolute path: from target/kustomize-*/
            + "resources:\n  - ../../deploy/overlays/namespaced\n"
            + "components:\n  - ../../deploy/components/generated-passwords\n");
    RbacGrants grants = new RbacGrants(kustomize(overlay.toString()), NS, NS);

    assertThat(grants.missing(RequiredAccess.of(Set.of("team-a", "team-b"), NS, KEY, true, true)))
        .isEmpty();
    assertThat(grants.allows(new RequiredAccess("create", "", "secrets", "", "team-c", null)))
        .isFalse();
  }

  @Test
  void theHelmChartGrantsEverythingTheOperatorNeedsToo() {
    var defaults = new RbacGrants(HelmChartTest.render(t -> t), "cuo-cognito-user-operator", "ops");
    assertThat(defaults.missing(RequiredAccess.of(Set.of(), "ops", KEY, true))).isEmpty();

    var listed =
        new RbacGrants(
            HelmChartTest.render(t -> t.set("watchNamespaces[0]", "team-a")),
            "cuo-cognito-user-operator",
            "ops");
    assertThat(listed.missing(RequiredAccess.of(Set.of("team-a"), "ops", KEY, true))).isEmpty();
    assertThat(listed.allows(new RequiredAccess("list", "", "secrets", "", "team-b", null)))
        .isFalse();

    assertThat(defaults.allows(new RequiredAccess("patch", "", "secrets", "", "team-a", null)))
        .as("generated passwords are off by default")
        .isFalse();
    var generating =
        new RbacGrants(
            HelmChartTest.render(
                t -> t.set("watchNamespaces[0]", "team-a").set("generatedPasswords.enabled", true)),
            "cuo-cognito-user-operator",
            "ops");
    assertThat(generating.missing(RequiredAccess.of(Set.of("team-a"), "ops", KEY, true, true)))
        .isEmpty();
    assertThat(generating.allows(new RequiredAccess("patch", "", "secrets", "", "team-b", null)))
        .isFalse();
  }

  @Test
  void theNamespacedOverlayWatchesAndReadsSecretsOnlyInItsNamespaces() throws Exception {
    Manifests overlay = kustomize("deploy/overlays/namespaced");
    RbacGrants grants = new RbacGrants(overlay, NS, NS);

    assertThat(overlay.ofKind("ClusterRole").map(r -> r.path("metadata").path("name").asText()))
        .as("only the grants' ClusterRole stays, and the tenants' roles")
        .containsExactlyInAnyOrder(
            "cognito-user-operator-grants", "cognito-user-editor", "cognito-user-viewer");
    assertThat(DeploymentChecks.env(overlay.one("Deployment")))
        .containsEntry("WATCH_NAMESPACES", "team-a,team-b");
    assertThat(grants.missing(RequiredAccess.of(Set.of("team-a", "team-b"), NS, KEY, true)))
        .isEmpty();
    assertThat(grants.allows(new RequiredAccess("list", "", "secrets", "", "team-c", null)))
        .isFalse();
    assertThat(grants.allows(new RequiredAccess("get", "", "secrets", "", NS, "another")))
        .as("another Secret in the operator's namespace")
        .isFalse();
  }

  @Test
  void theTopLevelKustomizationIsTheBase() throws Exception {
    Manifests rendered = kustomize("deploy");

    assertThat(rendered.all()).containsExactlyInAnyOrderElementsOf(Manifests.kustomizeBase().all());
  }

  /** kubectl's built-in kustomize, where kubectl is installed. */
  static Manifests kustomize(String dir) throws IOException, InterruptedException {
    Assumptions.assumeTrue(
        PathLookup.onPath("kubectl"), "SKIPPED: no kubectl on the PATH to run kustomize");
    Process process =
        new ProcessBuilder("kubectl", "kustomize", dir).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("kubectl kustomize %s:%n%s", dir, out).isZero();
    return Manifests.parse(out);
  }
}
