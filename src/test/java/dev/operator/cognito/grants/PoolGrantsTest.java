package dev.operator.cognito.grants;

import static dev.operator.cognito.support.Grants.grant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.ReadyReason;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PoolGrantsTest {

  private final PoolGrants optional = new PoolGrants(GrantMode.OPTIONAL);
  private final PoolGrants required = new PoolGrants(GrantMode.REQUIRED);

  @Test
  void anUnmatchedNamespaceMayUseAnyPoolOnlyWhenGrantsAreOptional() {
    var grants = List.of(grant("a", List.of("team-a"), null, List.of("us-west-2_A"), null));

    assertThat(optional.decide("team-b", Map.of(), "us-west-2_A", grants))
        .isEqualTo(new PoolAccess.Allowed(Optional.empty()));
    assertThat(required.decide("team-b", Map.of(), "us-west-2_A", grants))
        .isInstanceOfSatisfying(
            PoolAccess.Refused.class,
            r -> {
              assertThat(r.reason()).isEqualTo(ReadyReason.PoolNotAllowed);
              assertThat(r.message()).contains("USER_POOL_GRANTS=required");
            });
  }

  @Test
  void aMatchedNamespaceMayUseTheUnionOfItsGrantsPoolsAndNoOther() {
    var grants =
        List.of(
            grant("a", List.of("team-a"), null, List.of("us-west-2_A"), null),
            grant("b", List.of(), Map.of("tenant", "a"), List.of("eu-west-1_*"), null));
    Map<String, String> labels = Map.of("tenant", "a");

    assertThat(optional.decide("team-a", labels, "us-west-2_A", grants))
        .isInstanceOf(PoolAccess.Allowed.class);
    assertThat(optional.decide("team-a", labels, "eu-west-1_Anything9", grants))
        .isInstanceOf(PoolAccess.Allowed.class);
    assertThat(optional.decide("team-a", labels, "us-east-1_Prod", grants))
        .isInstanceOfSatisfying(
            PoolAccess.Refused.class,
            r -> assertThat(r.message()).contains("us-east-1_Prod").contains("a, b"));
    assertThat(optional.decide("team-a", Map.of(), "eu-west-1_X", grants))
        .as("without the label, only grant a matches")
        .isInstanceOf(PoolAccess.Refused.class);
  }

  @Test
  void aWildcardMatchesAnyRunOfCharactersAndNothingElse() {
    assertThat(new PoolPattern("eu-west-1_*").matches("eu-west-1_Abc")).isTrue();
    assertThat(new PoolPattern("eu-west-1_*").matches("eu-west-2_Abc")).isFalse();
    assertThat(new PoolPattern("*_Abc").matches("us-east-1_Abc")).isTrue();
    assertThat(new PoolPattern("us-east-1_A.c").matches("us-east-1_Abc"))
        .as("a dot is a dot")
        .isFalse();
    assertThat(new PoolPattern("us-east-1_Abc").matches("us-east-1_Abcd")).isFalse();
  }

  @Test
  void theGrantsRoleIsUsedAndTwoRolesForOnePoolConflict() {
    String roleA = "arn:aws:iam::222233334444:role/a";
    var one = List.of(grant("a", List.of("team-a"), null, List.of("us-west-2_A"), roleA));
    assertThat(optional.decide("team-a", Map.of(), "us-west-2_A", one))
        .isInstanceOfSatisfying(
            PoolAccess.Allowed.class, a -> assertThat(a.roleArn()).contains(roleA));

    var two =
        List.of(
            one.get(0),
            grant("b", List.of("team-a"), null, List.of("us-west-2_*"), "arn:aws:iam::1:role/b"));
    assertThat(optional.decide("team-a", Map.of(), "us-west-2_A", two))
        .isInstanceOfSatisfying(
            PoolAccess.Refused.class,
            r -> assertThat(r.reason()).isEqualTo(ReadyReason.GrantConflict));
  }

  @Test
  void aGrantAllowsAdoptionOnlyByDefaultAndMatchingGrantsAddUp() {
    var strict = grant("strict", List.of("team-a"), null, List.of("us-west-2_A"), null);
    GrantPermissions alone =
        ((PoolAccess.Allowed) required.decide("team-a", Map.of(), "us-west-2_A", List.of(strict)))
            .permissions();
    assertThat(alone.allowAdoption()).isTrue();
    assertThat(alone.allowDeletion()).isFalse();
    assertThat(alone.allowFederatedUsers()).isFalse();
    assertThat(alone.allowsGroup("admins")).as("no group unless allowed").isFalse();
    assertThat(alone.grants()).isEqualTo("strict");

    var wider = grant("wider", List.of("team-a"), null, List.of("us-west-2_*"), null);
    wider.getSpec().setAllowDeletion(true);
    wider.getSpec().setAllowedGroups(List.of("team-a-*"));
    var elsewhere = grant("elsewhere", List.of("team-a"), null, List.of("eu-west-1_*"), null);
    elsewhere.getSpec().setAllowFederatedUsers(true);
    elsewhere.getSpec().setAllowedGroups(List.of("*"));
    GrantPermissions both =
        ((PoolAccess.Allowed)
                required.decide(
                    "team-a", Map.of(), "us-west-2_A", List.of(strict, wider, elsewhere)))
            .permissions();
    assertThat(both.allowDeletion()).isTrue();
    assertThat(both.allowFederatedUsers())
        .as("a grant for another pool gives nothing here")
        .isFalse();
    assertThat(both.allowsGroup("team-a-readers")).isTrue();
    assertThat(both.allowsGroup("admins")).isFalse();
    assertThat(both.firstGroupNotAllowed(List.of("team-a-x", "admins"))).contains("admins");

    var noAdoption = grant("closed", List.of("team-b"), null, List.of("us-west-2_A"), null);
    noAdoption.getSpec().setAllowAdoption(false);
    assertThat(
            ((PoolAccess.Allowed)
                    required.decide("team-b", Map.of(), "us-west-2_A", List.of(noAdoption)))
                .permissions()
                .allowAdoption())
        .isFalse();
  }

  @Test
  void whereNoGrantAppliesNothingIsRestricted() {
    GrantPermissions none =
        ((PoolAccess.Allowed) optional.decide("team-z", Map.of(), "us-west-2_A", List.of()))
            .permissions();
    assertThat(none).isEqualTo(GrantPermissions.UNRESTRICTED);
    assertThat(none.allowsGroup("admins")).isTrue();
  }

  @Test
  void selectorsFollowKubernetesSemantics() {
    var notIn =
        new LabelSelectorBuilder()
            .addNewMatchExpression()
            .withKey("env")
            .withOperator("NotIn")
            .withValues("prod")
            .endMatchExpression()
            .build();
    var exists =
        new LabelSelectorBuilder()
            .addNewMatchExpression()
            .withKey("tenant")
            .withOperator("Exists")
            .endMatchExpression()
            .build();

    assertThat(NamespaceSelection.selects(notIn, Map.of("env", "dev"))).isTrue();
    assertThat(NamespaceSelection.selects(notIn, Map.of("env", "prod"))).isFalse();
    assertThat(NamespaceSelection.selects(exists, Map.of("tenant", "x"))).isTrue();
    assertThat(NamespaceSelection.selects(exists, Map.of())).isFalse();
    assertThat(NamespaceSelection.selects(new LabelSelectorBuilder().build(), Map.of("a", "b")))
        .as("an empty selector selects nothing")
        .isFalse();
  }
}
