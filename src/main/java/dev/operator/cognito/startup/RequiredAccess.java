package dev.operator.cognito.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every Kubernetes permission the operator needs to run, as the ClusterRole in deploy/operator.yaml
 * grants them: checked at start so that a missing one is named at once instead of surfacing later
 * as a failing watch.
 */
record RequiredAccess(
    String verb, String group, String resource, String subresource, String namespace) {

  static List<RequiredAccess> of(
      Set<String> watchedNamespaces, String operatorNamespace, boolean leaderElection) {
    List<String> scopes =
        watchedNamespaces.isEmpty()
            ? java.util.Collections.singletonList(null)
            : List.copyOf(watchedNamespaces);
    List<RequiredAccess> needed = new ArrayList<>();
    for (String ns : scopes) {
      for (String verb : List.of("list", "watch")) {
        needed.add(new RequiredAccess(verb, "cognito.operator.dev", "cognitousers", "", ns));
        needed.add(new RequiredAccess(verb, "", "secrets", "", ns));
      }
      needed.add(new RequiredAccess("patch", "cognito.operator.dev", "cognitousers", "status", ns));
      needed.add(new RequiredAccess("create", "", "events", "", ns));
    }
    needed.add(new RequiredAccess("get", "", "secrets", "", operatorNamespace));
    if (leaderElection) {
      for (String verb : List.of("get", "create", "update")) {
        needed.add(
            new RequiredAccess(verb, "coordination.k8s.io", "leases", "", operatorNamespace));
      }
    }
    return needed;
  }

  String describe() {
    return verb
        + " "
        + resource
        + (subresource.isEmpty() ? "" : "/" + subresource)
        + (namespace == null ? " in all namespaces" : " in namespace " + namespace);
  }
}
