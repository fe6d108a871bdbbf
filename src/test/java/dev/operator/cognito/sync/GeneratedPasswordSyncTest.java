package dev.operator.cognito.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.GeneratedPassword;
import dev.operator.cognito.api.PasswordRotation;
import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.aws.PoolPolicies;
import dev.operator.cognito.aws.SecretValue;
import dev.operator.cognito.support.InMemoryCognito;
import dev.operator.cognito.support.MutableClock;
import dev.operator.cognito.sync.check.PoolAccessCheck;
import dev.operator.cognito.sync.claim.ClaimRegistry;
import dev.operator.cognito.sync.credential.GeneratedPasswords;
import dev.operator.cognito.sync.credential.GeneratedSecrets;
import dev.operator.cognito.sync.credential.SecretWriter;
import dev.operator.cognito.sync.pass.SyncResult;
import dev.operator.cognito.sync.pass.UserEvent;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A pass with generate and rotation, against Secrets kept in memory. */
class GeneratedPasswordSyncTest {

  private static final String POOL = "us-west-2_POOL";

  private final InMemoryCognito cognito = new InMemoryCognito();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
  private final Secrets secrets = new Secrets();
  private final UserSync sync =
      TestSyncs.sync(
          cognito,
          TestSyncs.keys(),
          clock,
          ClaimRegistry.NONE,
          PoolAccessCheck.ANY_POOL,
          new GeneratedPasswords(true, Optional.of(Map.of("team", "a")), secrets));

  @Test
  void aMissingSecretIsCreatedOwnedAndLabelledAndItsPasswordSet() {
    CognitoUser user = user(24, null);

    SyncResult result = pass(user);

    Secret made = secrets.only();
    assertThat(made.getMetadata().getLabels())
        .containsEntry(GeneratedSecrets.GENERATED_LABEL, "true")
        .containsEntry("team", "a");
    assertThat(made.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo("uid-ana");
    assertThat(GeneratedSecrets.ownedBy(made, user)).isTrue();
    assertThat(cognito.user(POOL, "ana").orElseThrow().password).isEqualTo(value(made));
    assertThat(value(made)).hasSize(24);
    assertThat(result.events()).extracting(UserEvent::reason).startsWith("PasswordGenerated");
    assertThat(result.status().getNextRotationAt()).isNull();
    assertThat(cognito.calls).contains("DescribeUserPool");
  }

  @Test
  void theNextPassIsDueWhenTheRotationIs() {
    CognitoUser user = user(24, "720h");

    SyncResult result = pass(user);

    Instant due = Instant.parse(result.status().getNextRotationAt());
    assertThat(due)
        .isBetween(
            clock.instant().plus(Duration.ofHours(696)),
            clock.instant().plus(Duration.ofHours(720)));
    assertThat(result.retryAfter())
        .as("the periodic read comes first; the rotation is never later than it is due")
        .hasValueSatisfying(d -> assertThat(clock.instant().plus(d)).isBeforeOrEqualTo(due));

    user.setStatus(result.status());
    clock.advance(Duration.between(clock.instant(), due).minusMinutes(5));
    SyncResult settled = pass(user);
    assertThat(settled.retryAfter())
        .as("five minutes before it is due, the next pass is when it is due")
        .hasValue(Duration.ofMinutes(5));
  }

  @Test
  void aDueRotationWritesTheSecretThenSetsItOnce() {
    CognitoUser user = user(24, "1h");
    user.setStatus(pass(user).status());
    String first = value(secrets.only());
    clock.advance(Duration.ofHours(1));

    SyncResult rotated = pass(user);
    user.setStatus(rotated.status());
    SyncResult again = pass(user);

    String second = value(secrets.only());
    assertThat(second).isNotEqualTo(first);
    assertThat(cognito.user(POOL, "ana").orElseThrow().password).isEqualTo(second);
    assertThat(rotated.events()).extracting(UserEvent::reason).contains("PasswordRotated");
    assertThat(again.events()).isEmpty();
    assertThat(cognito.writes).hasSize(2);
  }

  @Test
  void aPasswordNotYetInPlaceIsNotRotatedByTheSchedule() {
    CognitoUser user = user(24, "1h");
    cognito.failNext(
        "AdminSetUserPassword",
        new dev.operator.cognito.aws.CognitoFailure(
            dev.operator.cognito.aws.CognitoFault.UNAVAILABLE,
            dev.operator.cognito.aws.FailureKind.TRANSIENT,
            "down"));
    user.setStatus(pass(user).status());
    String first = value(secrets.only());
    clock.advance(Duration.ofHours(2));

    pass(user);

    assertThat(value(secrets.only())).as("set first, rotated after").isEqualTo(first);
    assertThat(cognito.user(POOL, "ana").orElseThrow().password).isEqualTo(first);
  }

  @Test
  void theSameRotationRequestRotatesOnceEvenWithTheStatusLost() {
    CognitoUser user = user(24, null);
    user.setStatus(pass(user).status());
    user.getMetadata().setAnnotations(Map.of(GeneratedSecrets.ROTATE_REQUESTED_AT, "now-1"));

    SyncResult rotated = pass(user);
    user.setStatus(null); // a status lost or stale: the Secret says the request was handled
    SyncResult again = pass(user);

    assertThat(rotated.status().getLastHandledRotateAt()).isEqualTo("now-1");
    assertThat(again.status().getLastHandledRotateAt()).isEqualTo("now-1");
    assertThat(secrets.writes).isEqualTo(2);
  }

  @Test
  void aSecretMadeBySomeoneElseIsNeitherWrittenNorSet() {
    CognitoUser user = user(24, null);
    Secret foreign =
        new SecretBuilder()
            .withNewMetadata()
            .withName("ana-password")
            .withNamespace("team-a")
            .withResourceVersion("1")
            .endMetadata()
            .withData(Map.of("password", b64("Chosen-by-a-person1")))
            .build();
    secrets.put(foreign);

    SyncResult result = pass(user);

    assertThat(ready(result)).isEqualTo("SecretNotOwned");
    assertThat(secrets.writes).isZero();
    assertThat(cognito.calls).isEmpty();
  }

  @Test
  void aLengthUnderThePoolsMinimumIsRefusedWithTheMinimum() {
    cognito.passwordPolicy(POOL, new PoolPolicies.PasswordPolicy(20, true, true, true, true));
    CognitoUser user = user(12, null);

    SyncResult result = pass(user);

    assertThat(ready(result)).isEqualTo("PasswordPolicyUnmet");
    assertThat(result.status().condition("Ready").orElseThrow().getMessage())
        .contains("at least 20 characters");
    assertThat(cognito.calls).containsExactly("DescribeUserPool");
    assertThat(secrets.writes).isZero();
  }

  @Test
  void withGeneratedPasswordsOffTheRefusalSaysHowToTurnThemOn() {
    UserSync off =
        TestSyncs.sync(
            cognito,
            TestSyncs.keys(),
            clock,
            ClaimRegistry.NONE,
            PoolAccessCheck.ANY_POOL,
            GeneratedPasswords.disabled());

    SyncResult result = off.sync(user(24, null), Optional.empty());

    assertThat(ready(result)).isEqualTo("GeneratedPasswordsDisabled");
    assertThat(result.status().condition("Ready").orElseThrow().getMessage())
        .contains("generatedPasswords.enabled=true")
        .contains("deploy/components/generated-passwords")
        .contains("GENERATED_PASSWORDS=enabled");
    assertThat(cognito.calls).isEmpty();
  }

  @Test
  void aRotationRequestForAPersonsSecretIsAnsweredOnceWithAWarning() {
    CognitoUser user = user(24, null);
    user.getSpec().getPasswordSecretRef().setGenerate(null);
    secrets.put(
        new SecretBuilder()
            .withNewMetadata()
            .withName("ana-password")
            .withNamespace("team-a")
            .endMetadata()
            .withData(Map.of("password", b64("Chosen-by-a-person1")))
            .build());
    user.setStatus(pass(user).status());
    user.getMetadata().setAnnotations(Map.of(GeneratedSecrets.ROTATE_REQUESTED_AT, "now-1"));

    SyncResult first = pass(user);
    user.setStatus(first.status());
    SyncResult second = pass(user);

    assertThat(first.events()).extracting(UserEvent::reason).containsExactly("RotationNotPossible");
    assertThat(second.events()).isEmpty();
    assertThat(secrets.writes).isZero();
  }

  private SyncResult pass(CognitoUser user) {
    return sync.sync(user, secrets.get("ana-password"));
  }

  private static String ready(SyncResult result) {
    return result.status().condition("Ready").orElseThrow().getReason();
  }

  private static CognitoUser user(int length, String every) {
    CognitoUserSpec spec = new CognitoUserSpec();
    spec.setUserPoolId(POOL);
    spec.setUsername("ana");
    PasswordSecretRef ref = new PasswordSecretRef("ana-password", null);
    ref.setGenerate(new GeneratedPassword(length));
    if (every != null) {
      ref.setRotation(new PasswordRotation(every));
    }
    spec.setPasswordSecretRef(ref);
    return TestSyncs.ana(spec);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String value(Secret secret) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8);
  }

  /** Secrets as the API server keeps them: resourceVersions, and a 409 for a stale write. */
  static final class Secrets implements SecretWriter {
    private final Map<String, Secret> byName = new HashMap<>();
    private final List<String> log = new ArrayList<>();
    int writes;
    private int version = 10;

    Optional<Secret> get(String name) {
      return Optional.ofNullable(byName.get(name)).map(s -> new SecretBuilder(s).build());
    }

    Secret only() {
      assertThat(byName).hasSize(1);
      return byName.values().iterator().next();
    }

    void put(Secret secret) {
      byName.put(secret.getMetadata().getName(), secret);
    }

    @Override
    public Secret create(Secret secret) throws Failed {
      if (byName.containsKey(secret.getMetadata().getName())) {
        throw new Failed("already exists", true);
      }
      writes++;
      Secret stored =
          new SecretBuilder(secret)
              .editMetadata()
              .withResourceVersion(String.valueOf(++version))
              .endMetadata()
              .build();
      put(stored);
      return stored;
    }

    @Override
    public Secret update(
        Secret current, String key, SecretValue value, Map<String, String> annotations)
        throws Failed {
      Secret stored = byName.get(current.getMetadata().getName());
      if (stored == null
          || !stored
              .getMetadata()
              .getResourceVersion()
              .equals(current.getMetadata().getResourceVersion())) {
        throw new Failed("conflict", true);
      }
      writes++;
      Map<String, String> data = new HashMap<>(stored.getData());
      data.put(key, GeneratedSecrets.encode(value));
      Map<String, String> all = new HashMap<>(stored.getMetadata().getAnnotations());
      all.putAll(annotations);
      Secret updated =
          new SecretBuilder(stored)
              .editMetadata()
              .withResourceVersion(String.valueOf(++version))
              .withAnnotations(all)
              .endMetadata()
              .withData(data)
              .build();
      put(updated);
      log.add(key);
      return updated;
    }
  }
}
