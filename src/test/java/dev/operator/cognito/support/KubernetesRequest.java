package dev.operator.cognito.support;

import dev.operator.cognito.playground.ApiPath;
import dev.operator.cognito.startup.RequiredAccess;
import java.util.Optional;

/** One request to the Kubernetes API, and the RBAC access it takes. */
public record KubernetesRequest(String method, String path) {

  /** The access RBAC checks for it; empty for what every identity may do (discovery, reviews). */
  public Optional<RequiredAccess> access() {
    int q = path.indexOf('?');
    String query = q < 0 ? "" : path.substring(q + 1);
    Optional<ApiPath> api = ApiPath.parse(q < 0 ? path : path.substring(0, q));
    if (api.isEmpty()
        || api.get().groupVersion().startsWith("authorization.k8s.io/")
        || api.get().plural().startsWith("selfsubject")) {
      return Optional.empty();
    }
    ApiPath p = api.get();
    String verb =
        switch (method) {
          case "GET" ->
              p.isCollection() ? (query.contains("watch=true") ? "watch" : "list") : "get";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> p.isCollection() ? "deletecollection" : "delete";
          default -> method.toLowerCase();
        };
    String group =
        p.groupVersion().contains("/")
            ? p.groupVersion().substring(0, p.groupVersion().indexOf('/'))
            : "";
    String name = method.equals("POST") ? null : p.name();
    return Optional.of(
        new RequiredAccess(
            verb,
            group,
            p.plural(),
            p.subresource() == null ? "" : p.subresource(),
            p.namespace(),
            name));
  }
}
