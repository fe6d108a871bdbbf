package dev.operator.cognito.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.operator.cognito.startup.RequiredAccess;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Kubernetes RBAC's rule matching, enough to ask of rendered manifests whether a ServiceAccount may
 * do what the operator needs: bindings name the roles, roles carry rules, a Role counts only in its
 * own namespace, and resourceNames narrow a rule to named objects.
 */
record RbacGrants(Manifests manifests, String serviceAccount, String serviceAccountNamespace) {

  boolean allows(RequiredAccess access) {
    return manifests.all().stream()
        .filter(o -> isBinding(o) && bindsOurAccount(o))
        .anyMatch(binding -> roleAllows(binding, access));
  }

  List<RequiredAccess> missing(List<RequiredAccess> needed) {
    return needed.stream().filter(a -> !allows(a)).toList();
  }

  private boolean roleAllows(JsonNode binding, RequiredAccess access) {
    boolean clusterWide = binding.path("kind").asText().equals("ClusterRoleBinding");
    String bindingNamespace = binding.path("metadata").path("namespace").asText(null);
    if (!clusterWide && !bindingNamespace.equals(access.namespace())) {
      return false;
    }
    String roleKind = binding.path("roleRef").path("kind").asText();
    String roleName = binding.path("roleRef").path("name").asText();
    return manifests
        .ofKind(roleKind)
        .filter(role -> role.path("metadata").path("name").asText().equals(roleName))
        .filter(
            role ->
                roleKind.equals("ClusterRole")
                    || role.path("metadata").path("namespace").asText().equals(bindingNamespace))
        .flatMap(role -> StreamSupport.stream(role.path("rules").spliterator(), false))
        .anyMatch(rule -> ruleAllows(rule, access));
  }

  private static boolean ruleAllows(JsonNode rule, RequiredAccess access) {
    String resource =
        access.subresource().isEmpty()
            ? access.resource()
            : access.resource() + "/" + access.subresource();
    boolean names =
        !rule.has("resourceNames")
            || rule.path("resourceNames").isEmpty()
            || (access.name() != null && contains(rule.path("resourceNames"), access.name()));
    return contains(rule.path("apiGroups"), access.group())
        && contains(rule.path("resources"), resource)
        && contains(rule.path("verbs"), access.verb())
        && names;
  }

  private static boolean contains(JsonNode list, String value) {
    for (JsonNode item : list) {
      if (item.asText().equals(value) || item.asText().equals("*")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBinding(JsonNode o) {
    String kind = o.path("kind").asText();
    return kind.equals("RoleBinding") || kind.equals("ClusterRoleBinding");
  }

  private boolean bindsOurAccount(JsonNode binding) {
    for (JsonNode subject : binding.path("subjects")) {
      if (subject.path("kind").asText().equals("ServiceAccount")
          && subject.path("name").asText().equals(serviceAccount)
          && subject.path("namespace").asText().equals(serviceAccountNamespace)) {
        return true;
      }
    }
    return false;
  }
}
