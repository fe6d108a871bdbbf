package dev.operator.cognito.sync;

import dev.operator.cognito.aws.CognitoGateway;
import dev.operator.cognito.aws.RegionPolicy;
import dev.operator.cognito.fingerprint.FingerprintKey;
import dev.operator.cognito.fingerprint.PasswordFingerprinter;
import dev.operator.cognito.support.MutableClock;
import dev.operator.cognito.sync.check.PoolAccessCheck;
import dev.operator.cognito.sync.check.TargetCheck;
import dev.operator.cognito.sync.claim.ClaimRegistry;
import dev.operator.cognito.sync.credential.GeneratedPasswords;
import dev.operator.cognito.sync.memory.RetryBackoff;
import dev.operator.cognito.sync.memory.UserStatusReads;
import dev.operator.cognito.sync.status.StatusConditions;
import java.time.Duration;
import java.util.Set;

/**
 * One pass's pipeline for unit tests, built as the operator builds it, with the settings the tests
 * assume: reads refreshed hourly, rechecks every ten minutes, retries from one second doubling to
 * thirty without jitter, every region allowed.
 */
final class TestSyncs {

  static final Duration REFRESH = Duration.ofHours(1);
  static final Duration RECHECK = Duration.ofMinutes(10);

  private TestSyncs() {}

  /** A fixed all-zero fingerprint key: the same in every test. */
  static PasswordFingerprinter keys() {
    return new PasswordFingerprinter(new FingerprintKey(new byte[32]));
  }

  /** Any namespace may use any pool, and no other CognitoUser claims anything. */
  static UserSync sync(CognitoGateway cognito, MutableClock clock) {
    return sync(cognito, keys(), clock, ClaimRegistry.NONE, PoolAccessCheck.ANY_POOL);
  }

  static UserSync sync(
      CognitoGateway cognito,
      PasswordFingerprinter keys,
      MutableClock clock,
      ClaimRegistry claims,
      PoolAccessCheck grants) {
    return sync(cognito, keys, clock, claims, grants, GeneratedPasswords.disabled());
  }

  static UserSync sync(
      CognitoGateway cognito,
      PasswordFingerprinter keys,
      MutableClock clock,
      ClaimRegistry claims,
      PoolAccessCheck grants,
      GeneratedPasswords generated) {
    return SyncWiring.userSync(
        cognito,
        keys,
        new TargetCheck(RegionPolicy.of(Set.of()), grants),
        claims,
        new StatusConditions(clock),
        new UserStatusReads(REFRESH, clock),
        new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 1.0),
        RECHECK,
        generated,
        clock);
  }

  /**
   * The tests' CognitoUser: ana in team-a, with this spec, as the API server would hand it over.
   */
  static dev.operator.cognito.api.CognitoUser ana(dev.operator.cognito.api.CognitoUserSpec spec) {
    var user = new dev.operator.cognito.api.CognitoUser();
    user.getMetadata().setName("ana");
    user.getMetadata().setNamespace("team-a");
    user.getMetadata().setUid("uid-ana");
    user.getMetadata().setGeneration(1L);
    user.setSpec(spec);
    return user;
  }

  /** Ana's Secret, team-a/ana-password, holding this password under the default key. */
  static java.util.Optional<io.fabric8.kubernetes.api.model.Secret> anasSecret(String password) {
    return java.util.Optional.of(
        new io.fabric8.kubernetes.api.model.SecretBuilder()
            .withNewMetadata()
            .withName("ana-password")
            .withNamespace("team-a")
            .endMetadata()
            .withData(
                java.util.Map.of(
                    "password",
                    java.util.Base64.getEncoder()
                        .encodeToString(
                            password.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
            .build());
  }
}
