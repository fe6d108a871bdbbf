package dev.operator.cognito.grants;

import java.util.List;
import java.util.Optional;

/**
 * What the UserPoolGrants that give a namespace a pool let it do there, beyond setting passwords:
 * the union of those grants. Where no grant applies (USER_POOL_GRANTS=optional and no grant matches
 * the namespace) everything is allowed.
 *
 * @param grants the names of the grants this comes from, for messages; empty when none applies
 * @param allowedGroups globs of the groups CognitoUsers may put their users in
 */
public record GrantPermissions(
    String grants,
    boolean allowAdoption,
    boolean allowDeletion,
    boolean allowFederatedUsers,
    List<String> allowedGroups) {

  /** No grant applies: nothing is restricted. */
  public static final GrantPermissions UNRESTRICTED =
      new GrantPermissions("", true, true, true, List.of("*"));

  public GrantPermissions {
    allowedGroups = List.copyOf(allowedGroups);
  }

  public boolean allowsGroup(String group) {
    return allowedGroups.stream().anyMatch(glob -> new PoolPattern(glob).matches(group));
  }

  /** The first of {@code groups} no grant allows, if any. */
  public Optional<String> firstGroupNotAllowed(List<String> groups) {
    return groups.stream().filter(g -> !allowsGroup(g)).findFirst();
  }
}
