package dev.operator.cognito.grants;

import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.api.UserPoolGrant;
import dev.operator.cognito.api.UserPoolGrantSpec;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides, from the administrators' UserPoolGrants alone, whether a namespace may manage users of a
 * pool: a namespace is matched by a grant that lists or selects it, and may manage the union of the
 * pools of the grants that match it. Decided before any Cognito call.
 */
public final class PoolGrants {

  private final GrantMode mode;

  public PoolGrants(GrantMode mode) {
    this.mode = mode;
  }

  public PoolAccess decide(
      String namespace,
      Map<String, String> namespaceLabels,
      String poolId,
      Collection<UserPoolGrant> grants) {
    List<UserPoolGrant> matching =
        grants.stream()
            .filter(g -> g.getSpec() != null)
            .filter(g -> appliesTo(g.getSpec(), namespace, namespaceLabels))
            .toList();
    if (matching.isEmpty()) {
      return mode == GrantMode.OPTIONAL
          ? new PoolAccess.Allowed(Optional.empty())
          : new PoolAccess.Refused(
              ReadyReason.PoolNotAllowed,
              "no UserPoolGrant gives namespace "
                  + namespace
                  + " any user pool, and the operator requires one (USER_POOL_GRANTS=required)");
    }
    List<UserPoolGrant> granting =
        matching.stream().filter(g -> grantsPool(g.getSpec(), poolId)).toList();
    if (granting.isEmpty()) {
      return new PoolAccess.Refused(
          ReadyReason.PoolNotAllowed,
          "namespace "
              + namespace
              + " may not manage users of pool "
              + poolId
              + ": its UserPoolGrants ("
              + names(matching)
              + ") allow "
              + matching.stream()
                  .flatMap(g -> g.getSpec().getUserPools().stream())
                  .collect(Collectors.toCollection(TreeSet::new)));
    }
    List<Optional<String>> roles =
        granting.stream()
            .map(g -> Optional.ofNullable(g.getSpec().getAwsRoleArn()).filter(r -> !r.isBlank()))
            .distinct()
            .toList();
    if (roles.size() > 1) {
      return new PoolAccess.Refused(
          ReadyReason.GrantConflict,
          "UserPoolGrants "
              + names(granting)
              + " give namespace "
              + namespace
              + " pool "
              + poolId
              + " under different AWS roles; an administrator must settle on one");
    }
    return new PoolAccess.Allowed(roles.get(0), permissionsOf(granting));
  }

  /** What any of the grants allows, the namespace may do. */
  private static GrantPermissions permissionsOf(List<UserPoolGrant> granting) {
    List<UserPoolGrantSpec> specs = granting.stream().map(UserPoolGrant::getSpec).toList();
    return new GrantPermissions(
        names(granting),
        specs.stream().anyMatch(UserPoolGrantSpec::allowsAdoption),
        specs.stream().anyMatch(UserPoolGrantSpec::allowsDeletion),
        specs.stream().anyMatch(UserPoolGrantSpec::allowsFederatedUsers),
        specs.stream()
            .flatMap(g -> g.getAllowedGroups().stream())
            .filter(Objects::nonNull)
            .distinct()
            .sorted()
            .toList());
  }

  private static boolean appliesTo(
      UserPoolGrantSpec grant, String namespace, Map<String, String> labels) {
    return grant.getNamespaces().contains(namespace)
        || NamespaceSelection.selects(grant.getNamespaceSelector(), labels);
  }

  private static boolean grantsPool(UserPoolGrantSpec grant, String poolId) {
    return grant.getUserPools().stream()
        .filter(Objects::nonNull)
        .anyMatch(p -> new PoolPattern(p).matches(poolId));
  }

  private static String names(List<UserPoolGrant> grants) {
    return grants.stream()
        .map(g -> g.getMetadata().getName())
        .sorted()
        .collect(Collectors.joining(", "));
  }
}
