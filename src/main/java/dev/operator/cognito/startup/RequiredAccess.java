package dev.operator.cognito.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every Kubernetes permission the operator needs to run, as deploy/base/rbac.yaml and the Helm
 * chart grant them (a test holds both to this list): checked at start so that a missing one is
 * named at once instead of surfacing later as a failing watch.
 */
public record RequiredAccess(
    String verb, String group, String resource, String subresource, String namespace, String name) {

  /** As {@link #of(Set, String, String, boolean, boolean)}, without generated passwords. */
  public static List<RequiredAccess> of(
      Set<String> watchedNamespaces,
      String operatorNamespace,
      String keySecret,
      boolean leaderElection) {
    return of(watchedNamespaces, operatorNamespace, keySecret, leaderElection, false);
  }

  /**
   * What the operator needs; with {@code generatedPasswords}, also create and patch on Secrets in
   * every watched namespace, which the install grants only when it turns them on.
   */
  public static List<RequiredAccess> of(
      Set<String> watchedNamespaces,
      String operatorNamespace,
      String keySecret,
      boolean leaderElection,
      boolean generatedPasswords) {
    List<String> scopes =
        watchedNamespaces.isEmpty()
            ? java.util.Collections.singletonList(null)
            : List.copyOf(watchedNamespaces);
    List<RequiredAccess> needed = new ArrayList<>();
    for (String ns : scopes) {
      for (String verb : List.of("list", "watch")) {
        needed.add(new RequiredAccess(verb, "cognito.operator.dev", "cognitousers", "", ns, null));
        needed.add(new RequiredAccess(verb, "", "secrets", "", ns, null));
      }
      needed.add(
          new RequiredAccess("patch", "cognito.operator.dev", "cognitousers", "status", ns, null));
      // the finalizer that deletionPolicy Delete needs
      needed.add(new RequiredAccess("patch", "cognito.operator.dev", "cognitousers", "", ns, null));
      needed.add(new RequiredAccess("create", "", "events", "", ns, null));
      if (generatedPasswords) {
        for (String verb : List.of("create", "patch")) {
          needed.add(new RequiredAccess(verb, "", "secrets", "", ns, null));
        }
      }
    }
    // its own key only: the install may grant get on no other Secret there
    needed.add(new RequiredAccess("get", "", "secrets", "", operatorNamespace, keySecret));
    // grants and the namespaces they select are read cluster-wide, whatever is watched
    for (String verb : List.of("list", "watch")) {
      needed.add(
          new RequiredAccess(verb, "cognito.operator.dev", "userpoolgrants", "", null, null));
      needed.add(new RequiredAccess(verb, "", "namespaces", "", null, null));
    }
    if (leaderElection) {
      // Fabric8's leader elector patches the Lease when it gives it up
      for (String verb : List.of("get", "create", "update", "patch")) {
        needed.add(
            new RequiredAccess(verb, "coordination.k8s.io", "leases", "", operatorNamespace, null));
      }
    }
    return needed;
  }

  public String describe() {
    return verb
        + " "
        + resource
        + (subresource.isEmpty() ? "" : "/" + subresource)
        + (name == null ? "" : " " + name)
        + (namespace == null ? " in all namespaces" : " in namespace " + namespace);
  }
}
