package dev.operator.cognito.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.DeletionPolicy;
import dev.operator.cognito.api.ManagementPolicy;
import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.support.InMemoryCognito;
import dev.operator.cognito.support.MutableClock;
import dev.operator.cognito.sync.pass.SyncResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** managementPolicy ObserveOnly: reads and a plan, never a write; Full then applies the plan. */
class ObserveOnlyTest {

  private static final String POOL = "us-west-2_POOL";

  private final InMemoryCognito cognito = new InMemoryCognito();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
  private final UserSync sync = TestSyncs.sync(cognito, clock);

  @Test
  void theDriftIsListedAndNothingIsWritten() {
    var ana = cognito.addUser(POOL, "ana");
    ana.attributes.put("name", "Ana");
    ana.attributes.put("custom:team", "old");
    ana.enabled = false;
    cognito.addGroup(POOL, "admins");
    CognitoUser user = observed();
    user.getSpec().setAttributes(Map.of("email", "ana@example.com", "name", "Ana B"));
    user.getSpec().setGroups(List.of("admins"));

    SyncResult result = sync.sync(user, TestSyncs.anasSecret("Passw0rd!1"));

    assertThat(result.status().getPendingChanges())
        .containsExactly(
            "password", "attributes: +email, ~name", "enabled: false -> true", "groups: +admins");
    assertThat(cognito.calls).containsOnly("AdminGetUser", "AdminListGroupsForUser");
    assertThat(cognito.writes).isEmpty();
    assertThat(result.status().condition("Ready").orElseThrow().getReason()).isEqualTo("Observed");
    assertThat(result.status().condition("InSync").orElseThrow().getStatus()).isEqualTo("False");
    assertThat(result.status().getAppliedPassword()).isNull();
    assertThat(result.status().getManagedAttributes()).isNull();
    assertThat(result.events()).isEmpty();
  }

  @Test
  void switchingToFullAppliesThePlanAndThenNothingIsPending() {
    var ana = cognito.addUser(POOL, "ana");
    ana.enabled = false;
    CognitoUser user = observed();
    user.setStatus(sync.sync(user, TestSyncs.anasSecret("Passw0rd!1")).status());
    assertThat(user.getStatus().getPendingChanges())
        .containsExactly("password", "enabled: false -> true");
    cognito.calls.clear();

    user.getSpec().setManagementPolicy(ManagementPolicy.Full);
    user.getMetadata().setGeneration(2L);
    SyncResult full = sync.sync(user, TestSyncs.anasSecret("Passw0rd!1"));

    assertThat(cognito.calls)
        .containsExactly("AdminGetUser", "AdminSetUserPassword", "AdminEnableUser");
    assertThat(full.status().getPendingChanges()).isNull();
    assertThat(full.status().condition("InSync")).isEmpty();
    assertThat(cognito.user(POOL, "ana").orElseThrow().password).isEqualTo("Passw0rd!1");
  }

  @Test
  void aMissingUserIsReportedNotCreated() {
    SyncResult result = sync.sync(observed(), TestSyncs.anasSecret("Passw0rd!1"));

    assertThat(result.status().condition("Ready").orElseThrow().getReason())
        .isEqualTo("UserNotFound");
    assertThat(cognito.user(POOL, "ana")).isEmpty();
    assertThat(cognito.calls).containsExactly("AdminGetUser");
  }

  @Test
  void noSecretIsNeededToObserveAndNoneIsGenerated() {
    cognito.addUser(POOL, "ana");
    CognitoUser user = observed();
    user.getSpec()
        .getPasswordSecretRef()
        .setGenerate(new dev.operator.cognito.api.GeneratedPassword(24));

    SyncResult result = sync.sync(user, Optional.empty());

    assertThat(result.status().getPendingChanges())
        .containsExactly("password: none to set (SecretNotFound)");
    assertThat(result.status().condition("Ready").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(cognito.writes).isEmpty();
  }

  @Test
  void anObservedUserIsNeverDeleted() {
    cognito.addUser(POOL, "ana");
    CognitoUser user = observed();
    user.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
    user.setStatus(sync.sync(user, TestSyncs.anasSecret("Passw0rd!1")).status());

    Deletion deletion = sync.delete(user);

    assertThat(deletion).isInstanceOf(Deletion.Skipped.class);
    assertThat(cognito.user(POOL, "ana")).isPresent();
  }

  private static CognitoUser observed() {
    CognitoUserSpec spec = new CognitoUserSpec();
    spec.setUserPoolId(POOL);
    spec.setUsername("ana");
    spec.setPasswordSecretRef(new PasswordSecretRef("ana-password", null));
    spec.setManagementPolicy(ManagementPolicy.ObserveOnly);
    return TestSyncs.ana(spec);
  }
}
