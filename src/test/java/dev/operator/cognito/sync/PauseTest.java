package dev.operator.cognito.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.DeletionPolicy;
import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.support.InMemoryCognito;
import dev.operator.cognito.support.MutableClock;
import dev.operator.cognito.sync.pass.SyncResult;
import dev.operator.cognito.sync.pass.UserEvent;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** cognito.operator.dev/paused: no call while it is there, one fresh read when it goes. */
class PauseTest {

  private static final String POOL = "us-west-2_POOL";

  private final InMemoryCognito cognito = new InMemoryCognito();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
  private final UserSync sync = TestSyncs.sync(cognito, clock);

  @Test
  void aPausedUserIsNeitherReadNorWrittenAndReadyStaysAsItWas() {
    CognitoUser user = user();
    user.setStatus(sync.sync(user, secret("Passw0rd!1")).status());
    cognito.calls.clear();

    pause(user, true);
    SyncResult paused = sync.sync(user, secret("N3w-Passw0rd!"));
    user.setStatus(paused.status());
    SyncResult again = sync.sync(user, secret("N3w-Passw0rd!"));

    assertThat(cognito.calls).isEmpty();
    assertThat(paused.status().isReady()).isTrue();
    assertThat(paused.status().condition("Paused"))
        .hasValueSatisfying(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-30T10:00:00Z");
            });
    assertThat(paused.events()).extracting(UserEvent::reason).containsExactly("Paused");
    assertThat(again.events()).isEmpty();
    assertThat(again.retryAfter()).isEmpty();
  }

  @Test
  void resumingReadsTheUserAfreshOnceEvenWhenNothingChanged() {
    CognitoUser user = user();
    user.setStatus(sync.sync(user, secret("Passw0rd!1")).status());
    pause(user, true);
    user.setStatus(sync.sync(user, secret("Passw0rd!1")).status());
    cognito.calls.clear();

    pause(user, false);
    SyncResult resumed = sync.sync(user, secret("Passw0rd!1"));
    user.setStatus(resumed.status());
    SyncResult after = sync.sync(user, secret("Passw0rd!1"));

    assertThat(cognito.calls).containsExactly("AdminGetUser");
    assertThat(resumed.status().condition("Paused")).isEmpty();
    assertThat(resumed.status().isReady()).isTrue();
    assertThat(after.events()).isEmpty();
  }

  @Test
  void aDeletionWaitsForThePauseToEnd() {
    CognitoUser user = user();
    user.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
    user.setStatus(sync.sync(user, secret("Passw0rd!1")).status());
    cognito.calls.clear();
    pause(user, true);

    Deletion deletion = sync.delete(user);

    assertThat(deletion).isInstanceOf(Deletion.Failed.class);
    assertThat(((Deletion.Failed) deletion).result().events())
        .extracting(UserEvent::reason)
        .contains("DeletionPaused");
    assertThat(cognito.calls).isEmpty();
    assertThat(cognito.user(POOL, "ana")).isPresent();
  }

  private static void pause(CognitoUser user, boolean paused) {
    Map<String, String> annotations = new HashMap<>();
    if (paused) {
      annotations.put(Pause.ANNOTATION, "true");
    }
    user.getMetadata().setAnnotations(annotations);
  }

  private static CognitoUser user() {
    CognitoUserSpec spec = new CognitoUserSpec();
    spec.setUserPoolId(POOL);
    spec.setUsername("ana");
    spec.setPasswordSecretRef(new PasswordSecretRef("ana-password", null));
    return TestSyncs.ana(spec);
  }

  private static Optional<Secret> secret(String password) {
    return TestSyncs.anasSecret(password);
  }
}
