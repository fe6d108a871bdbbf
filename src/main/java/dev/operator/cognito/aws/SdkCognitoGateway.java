package dev.operator.cognito.aws;

import dev.operator.cognito.aws.ratelimit.Caller;
import dev.operator.cognito.aws.ratelimit.QuotaCategory;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;

/** {@link CognitoGateway} over the AWS SDK, inside per-category, per-region rate limits. */
public final class SdkCognitoGateway implements CognitoGateway {

  private final RateLimitedCalls calls;

  public SdkCognitoGateway(RateLimitedCalls calls) {
    this.calls = calls;
  }

  @Override
  public Optional<ObservedUser> readUser(UserTarget target) throws CallNotDone {
    return calls.read(
        "AdminGetUser",
        QuotaCategory.USER_READ,
        target,
        cognito -> {
          try {
            var user =
                cognito.adminGetUser(
                    b -> b.userPoolId(target.userPoolId()).username(target.username()));
            return Optional.of(
                observed(
                        user.userStatusAsString(),
                        user.username(),
                        user.userAttributes(),
                        user.enabled(),
                        user.userCreateDate(),
                        user.userLastModifiedDate())
                    .withMfa(
                        user.hasUserMFASettingList() ? user.userMFASettingList() : List.of(),
                        Optional.ofNullable(user.preferredMfaSetting())
                            .filter(name -> !name.isEmpty())));
          } catch (UserNotFoundException absent) {
            return Optional.empty();
          }
        });
  }

  @Override
  public ObservedUser createUser(UserTarget target, Map<String, String> attributes, Caller caller)
      throws CallNotDone {
    return calls.write(
        "AdminCreateUser",
        QuotaCategory.USER_CREATION,
        target,
        caller,
        cognito -> {
          var user =
              cognito
                  .adminCreateUser(
                      b ->
                          b.userPoolId(target.userPoolId())
                              .username(target.username())
                              .userAttributes(attributeTypes(attributes))
                              // Cognito sends no invitation: the password comes from the Secret
                              .messageAction(MessageActionType.SUPPRESS))
                  .user();
          return observed(
              user.userStatusAsString(),
              user.username(),
              user.attributes(),
              user.enabled(),
              user.userCreateDate(),
              user.userLastModifiedDate());
        });
  }

  @Override
  public void setPassword(UserTarget target, SecretValue password, boolean permanent, Caller caller)
      throws CallNotDone {
    calls.call(
        "AdminSetUserPassword",
        QuotaCategory.PASSWORD_CHANGE,
        target,
        password,
        Optional.of(caller),
        cognito ->
            cognito.adminSetUserPassword(
                b ->
                    b.userPoolId(target.userPoolId())
                        .username(target.username())
                        .password(password.reveal())
                        .permanent(permanent)));
  }

  @Override
  public void updateAttributes(UserTarget target, Map<String, String> attributes, Caller caller)
      throws CallNotDone {
    calls.write(
        "AdminUpdateUserAttributes",
        QuotaCategory.USER_UPDATE,
        target,
        caller,
        cognito ->
            cognito.adminUpdateUserAttributes(
                b ->
                    b.userPoolId(target.userPoolId())
                        .username(target.username())
                        .userAttributes(attributeTypes(attributes))));
  }

  @Override
  public void deleteAttributes(UserTarget target, Collection<String> names, Caller caller)
      throws CallNotDone {
    calls.write(
        "AdminDeleteUserAttributes",
        QuotaCategory.USER_UPDATE,
        target,
        caller,
        cognito ->
            cognito.adminDeleteUserAttributes(
                b ->
                    b.userPoolId(target.userPoolId())
                        .username(target.username())
                        .userAttributeNames(names)));
  }

  @Override
  public void setEnabled(UserTarget target, boolean enabled, Caller caller) throws CallNotDone {
    if (enabled) {
      calls.write(
          "AdminEnableUser",
          QuotaCategory.USER_UPDATE,
          target,
          caller,
          cognito ->
              cognito.adminEnableUser(
                  b -> b.userPoolId(target.userPoolId()).username(target.username())));
    } else {
      calls.write(
          "AdminDisableUser",
          QuotaCategory.USER_UPDATE,
          target,
          caller,
          cognito ->
              cognito.adminDisableUser(
                  b -> b.userPoolId(target.userPoolId()).username(target.username())));
    }
  }

  @Override
  public Set<String> groupsOf(UserTarget target) throws CallNotDone {
    Set<String> groups = new LinkedHashSet<>();
    String next = null;
    do {
      String token = next;
      var page =
          calls.read(
              "AdminListGroupsForUser",
              QuotaCategory.USER_RESOURCE_READ,
              target,
              cognito ->
                  cognito.adminListGroupsForUser(
                      b ->
                          b.userPoolId(target.userPoolId())
                              .username(target.username())
                              .limit(60)
                              .nextToken(token)));
      page.groups().stream().map(GroupType::groupName).forEach(groups::add);
      next = page.nextToken();
    } while (next != null && !next.isEmpty());
    return groups;
  }

  @Override
  public void addToGroup(UserTarget target, String group, Caller caller) throws CallNotDone {
    calls.write(
        "AdminAddUserToGroup",
        QuotaCategory.GROUP_CHANGE,
        target,
        caller,
        cognito ->
            cognito.adminAddUserToGroup(
                b ->
                    b.userPoolId(target.userPoolId())
                        .username(target.username())
                        .groupName(group)));
  }

  @Override
  public void removeFromGroup(UserTarget target, String group, Caller caller) throws CallNotDone {
    calls.write(
        "AdminRemoveUserFromGroup",
        QuotaCategory.GROUP_CHANGE,
        target,
        caller,
        cognito ->
            cognito.adminRemoveUserFromGroup(
                b ->
                    b.userPoolId(target.userPoolId())
                        .username(target.username())
                        .groupName(group)));
  }

  @Override
  public void signOut(UserTarget target, Caller caller) throws CallNotDone {
    calls.write(
        "AdminUserGlobalSignOut",
        QuotaCategory.USER_UPDATE,
        target,
        caller,
        cognito ->
            cognito.adminUserGlobalSignOut(
                b -> b.userPoolId(target.userPoolId()).username(target.username())));
  }

  @Override
  public void setMfaPreference(UserTarget target, Map<MfaKind, MfaChoice> choices, Caller caller)
      throws CallNotDone {
    calls.write(
        "AdminSetUserMFAPreference",
        QuotaCategory.USER_UPDATE,
        target,
        caller,
        cognito ->
            cognito.adminSetUserMFAPreference(
                b -> {
                  b.userPoolId(target.userPoolId()).username(target.username());
                  choices.forEach(
                      (kind, choice) -> {
                        switch (kind) {
                          case SMS ->
                              b.smsMfaSettings(
                                  s ->
                                      s.enabled(choice.enabled()).preferredMfa(choice.preferred()));
                          case EMAIL ->
                              b.emailMfaSettings(
                                  s ->
                                      s.enabled(choice.enabled()).preferredMfa(choice.preferred()));
                          case SOFTWARE_TOKEN ->
                              b.softwareTokenMfaSettings(
                                  s ->
                                      s.enabled(choice.enabled()).preferredMfa(choice.preferred()));
                        }
                      });
                }));
  }

  @Override
  public void deleteUser(UserTarget target, Caller caller) throws CallNotDone {
    calls.write(
        "AdminDeleteUser",
        QuotaCategory.USER_UPDATE,
        target,
        caller,
        cognito -> {
          try {
            cognito.adminDeleteUser(
                b -> b.userPoolId(target.userPoolId()).username(target.username()));
          } catch (UserNotFoundException alreadyGone) {
            // what the delete was for
          }
          return null;
        });
  }

  @Override
  public PoolPolicies poolPolicies(UserTarget target) throws CallNotDone {
    return calls.read(
        "DescribeUserPool",
        QuotaCategory.USER_POOL_READ,
        target,
        cognito -> {
          var policy =
              Optional.ofNullable(
                      cognito.describeUserPool(b -> b.userPoolId(target.userPoolId())).userPool())
                  .map(pool -> pool.policies())
                  .map(policies -> policies.passwordPolicy());
          var defaults = PoolPolicies.PasswordPolicy.COGNITO_DEFAULT;
          return new PoolPolicies(
              policy.map(p -> p.temporaryPasswordValidityDays()),
              policy
                  .map(
                      p ->
                          new PoolPolicies.PasswordPolicy(
                              p.minimumLength() == null
                                  ? defaults.minimumLength()
                                  : p.minimumLength(),
                              !Boolean.FALSE.equals(p.requireUppercase()),
                              !Boolean.FALSE.equals(p.requireLowercase()),
                              !Boolean.FALSE.equals(p.requireNumbers()),
                              !Boolean.FALSE.equals(p.requireSymbols())))
                  .orElse(defaults));
        });
  }

  /** AdminGetUser and AdminCreateUser answer the same user in two shapes: one mapping. */
  private static ObservedUser observed(
      String status,
      String username,
      List<AttributeType> attributes,
      Boolean enabled,
      java.time.Instant created,
      java.time.Instant lastModified) {
    return new ObservedUser(
        status,
        username,
        attributes(attributes),
        !Boolean.FALSE.equals(enabled),
        Optional.ofNullable(created),
        Optional.ofNullable(lastModified));
  }

  private static Map<String, String> attributes(List<AttributeType> attributes) {
    Map<String, String> result = new LinkedHashMap<>();
    if (attributes != null) {
      attributes.forEach(a -> result.put(a.name(), a.value() == null ? "" : a.value()));
    }
    return result;
  }

  private static List<AttributeType> attributeTypes(Map<String, String> attributes) {
    return attributes.entrySet().stream()
        .map(e -> AttributeType.builder().name(e.getKey()).value(e.getValue()).build())
        .toList();
  }
}
