package dev.operator.cognito.support;

import dev.operator.cognito.aws.CallNotDone;
import dev.operator.cognito.aws.CognitoFailure;
import dev.operator.cognito.aws.CognitoFault;
import dev.operator.cognito.aws.CognitoGateway;
import dev.operator.cognito.aws.FailureKind;
import dev.operator.cognito.aws.MfaChoice;
import dev.operator.cognito.aws.MfaKind;
import dev.operator.cognito.aws.ObservedUser;
import dev.operator.cognito.aws.PoolPolicies;
import dev.operator.cognito.aws.SecretValue;
import dev.operator.cognito.aws.UserTarget;
import dev.operator.cognito.aws.ratelimit.Caller;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stateful Cognito for unit tests, in the manner of Flink's TestingFlinkService: pools with
 * users, attributes and groups, a failure switch per operation, and a log of every call.
 */
public final class InMemoryCognito implements CognitoGateway {

  public record Write(UserTarget target, String password, boolean permanent) {}

  public static final class User {
    // as AdminCreateUser leaves a user
    public String status = "FORCE_CHANGE_PASSWORD";
    public String password;
    public boolean enabled = true;
    public final Map<String, String> attributes = new LinkedHashMap<>();
    public final Set<String> groups = new LinkedHashSet<>();
    // UserMFASettingList and PreferredMfaSetting, as Cognito names the kinds
    public final Set<String> mfa = new java.util.TreeSet<>();
    public String preferredMfa;
    public int signOuts;
  }

  private static final class Pool {
    final Map<String, User> users = new HashMap<>();
    final Map<String, String> aliases = new HashMap<>();
    boolean caseInsensitive;
    public final Set<String> groups = new LinkedHashSet<>();
    Integer temporaryPasswordValidityDays;
    PoolPolicies.PasswordPolicy passwordPolicy = PoolPolicies.PasswordPolicy.COGNITO_DEFAULT;
  }

  private final Map<String, Pool> pools = new HashMap<>();
  private final Map<String, Deque<CallNotDone>> failures = new HashMap<>();
  private int subs;

  /** Every call, by operation name, in order. */
  public final List<String> calls = new ArrayList<>();

  /** Every AdminSetUserPassword that Cognito accepted. */
  public final List<Write> writes = new ArrayList<>();

  public int reads;

  public User addUser(String poolId, String username) {
    User user = new User();
    user.attributes.put("sub", "sub-" + ++subs);
    pool(poolId).users.put(username, user);
    return user;
  }

  public Optional<User> user(String poolId, String username) {
    return Optional.ofNullable(pool(poolId).users.get(username));
  }

  /** {@code alias} (an e-mail, say) names {@code username} in every call, as Cognito allows. */
  public void alias(String poolId, String alias, String username) {
    pool(poolId).aliases.put(alias, username);
  }

  /** Usernames in the pool match whatever their case, as in a pool made case-insensitive. */
  public void caseInsensitive(String poolId) {
    pool(poolId).caseInsensitive = true;
  }

  /** The user's canonical username, whatever spelling names it: itself, an alias, its sub. */
  Optional<String> canonical(String poolId, String spelling) {
    Pool pool = pool(poolId);
    if (pool.users.containsKey(spelling)) {
      return Optional.of(spelling);
    }
    if (pool.aliases.containsKey(spelling) && pool.users.containsKey(pool.aliases.get(spelling))) {
      return Optional.of(pool.aliases.get(spelling));
    }
    for (Map.Entry<String, User> e : pool.users.entrySet()) {
      if (spelling.equals(e.getValue().attributes.get("sub"))
          || (pool.caseInsensitive && e.getKey().equalsIgnoreCase(spelling))) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  public void addGroup(String poolId, String group) {
    pool(poolId).groups.add(group);
  }

  public void temporaryPasswordValidityDays(String poolId, int days) {
    pool(poolId).temporaryPasswordValidityDays = days;
  }

  public void passwordPolicy(String poolId, PoolPolicies.PasswordPolicy policy) {
    pool(poolId).passwordPolicy = policy;
  }

  /** The next call of {@code operation} fails with {@code failure}, once. */
  public void failNext(String operation, CallNotDone failure) {
    failures.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(failure);
  }

  /** Calls that change something in Cognito. */
  public List<String> writeCalls() {
    return calls.stream()
        .filter(
            c ->
                !c.equals("AdminGetUser")
                    && !c.equals("AdminListGroupsForUser")
                    && !c.equals("DescribeUserPool"))
        .toList();
  }

  public static CognitoFailure failure(CognitoFault fault, FailureKind kind) {
    return new CognitoFailure(fault, kind, fault + " happened");
  }

  @Override
  public Optional<ObservedUser> readUser(UserTarget target) throws CallNotDone {
    reads++;
    call("AdminGetUser");
    return canonical(target.userPoolId(), target.username())
        .map(name -> observed(name, pool(target.userPoolId()).users.get(name)));
  }

  @Override
  public ObservedUser createUser(UserTarget target, Map<String, String> attributes, Caller caller)
      throws CallNotDone {
    call("AdminCreateUser");
    if (canonical(target.userPoolId(), target.username()).isPresent()) {
      throw new CognitoFailure(CognitoFault.USER_EXISTS, FailureKind.NEEDS_CHANGE, "exists");
    }
    User user = addUser(target.userPoolId(), target.username());
    user.status = "FORCE_CHANGE_PASSWORD";
    user.attributes.putAll(attributes);
    return observed(target.username(), user);
  }

  @Override
  public void setPassword(UserTarget target, SecretValue password, boolean permanent, Caller caller)
      throws CallNotDone {
    call("AdminSetUserPassword");
    User user = existing(target);
    user.password = password.reveal();
    user.status = permanent ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD";
    writes.add(new Write(target, password.reveal(), permanent));
  }

  @Override
  public void updateAttributes(UserTarget target, Map<String, String> attributes, Caller caller)
      throws CallNotDone {
    call("AdminUpdateUserAttributes");
    existing(target).attributes.putAll(attributes);
  }

  @Override
  public void deleteAttributes(UserTarget target, Collection<String> names, Caller caller)
      throws CallNotDone {
    call("AdminDeleteUserAttributes");
    existing(target).attributes.keySet().removeAll(names);
  }

  @Override
  public void setEnabled(UserTarget target, boolean enabled, Caller caller) throws CallNotDone {
    call(enabled ? "AdminEnableUser" : "AdminDisableUser");
    existing(target).enabled = enabled;
  }

  @Override
  public Set<String> groupsOf(UserTarget target) throws CallNotDone {
    call("AdminListGroupsForUser");
    return Set.copyOf(existing(target).groups);
  }

  @Override
  public void addToGroup(UserTarget target, String group, Caller caller) throws CallNotDone {
    call("AdminAddUserToGroup");
    User user = existing(target);
    if (!pool(target.userPoolId()).groups.contains(group)) {
      throw new CognitoFailure(
          CognitoFault.RESOURCE_NOT_FOUND, FailureKind.OUTSIDE_CLUSTER, "Group not found.");
    }
    user.groups.add(group);
  }

  @Override
  public void removeFromGroup(UserTarget target, String group, Caller caller) throws CallNotDone {
    call("AdminRemoveUserFromGroup");
    existing(target).groups.remove(group);
  }

  @Override
  public void signOut(UserTarget target, Caller caller) throws CallNotDone {
    call("AdminUserGlobalSignOut");
    existing(target).signOuts++;
  }

  @Override
  public void setMfaPreference(UserTarget target, Map<MfaKind, MfaChoice> choices, Caller caller)
      throws CallNotDone {
    call("AdminSetUserMFAPreference");
    User user = existing(target);
    choices.forEach(
        (kind, choice) -> {
          String name = kind.cognitoName();
          if (choice.enabled()) {
            user.mfa.add(name);
          } else {
            user.mfa.remove(name);
          }
          if (choice.preferred()) {
            user.preferredMfa = name;
          } else if (name.equals(user.preferredMfa)) {
            user.preferredMfa = null;
          }
        });
  }

  @Override
  public void deleteUser(UserTarget target, Caller caller) throws CallNotDone {
    call("AdminDeleteUser");
    canonical(target.userPoolId(), target.username())
        .ifPresent(name -> pool(target.userPoolId()).users.remove(name));
  }

  @Override
  public PoolPolicies poolPolicies(UserTarget target) throws CallNotDone {
    call("DescribeUserPool");
    Pool pool = pool(target.userPoolId());
    return new PoolPolicies(
        Optional.ofNullable(pool.temporaryPasswordValidityDays), pool.passwordPolicy);
  }

  private void call(String operation) throws CallNotDone {
    calls.add(operation);
    Deque<CallNotDone> queued = failures.get(operation);
    if (queued != null && !queued.isEmpty()) {
      throw queued.poll();
    }
  }

  private User existing(UserTarget target) throws CallNotDone {
    User user =
        canonical(target.userPoolId(), target.username())
            .map(pool(target.userPoolId()).users::get)
            .orElse(null);
    if (user == null) {
      throw new CognitoFailure(
          CognitoFault.USER_NOT_FOUND, FailureKind.OUTSIDE_CLUSTER, "User does not exist.");
    }
    return user;
  }

  private Pool pool(String poolId) {
    return pools.computeIfAbsent(poolId, k -> new Pool());
  }

  private static ObservedUser observed(String username, User user) {
    return new ObservedUser(
        user.status,
        username,
        user.attributes,
        user.enabled,
        Optional.of(Instant.parse("2026-01-01T00:00:00Z")),
        Optional.empty(),
        List.copyOf(user.mfa),
        Optional.ofNullable(user.preferredMfa));
  }
}
