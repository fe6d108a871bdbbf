package dev.operator.cognito.sync;

import dev.operator.cognito.aws.CognitoGateway;
import dev.operator.cognito.fingerprint.PasswordFingerprinter;
import dev.operator.cognito.sync.check.FederatedCheck;
import dev.operator.cognito.sync.check.TargetCheck;
import dev.operator.cognito.sync.claim.ClaimRegistry;
import dev.operator.cognito.sync.claim.ClaimSeal;
import dev.operator.cognito.sync.credential.CredentialSource;
import dev.operator.cognito.sync.credential.GeneratedPasswords;
import dev.operator.cognito.sync.credential.PasswordGenerator;
import dev.operator.cognito.sync.facet.AttributesStep;
import dev.operator.cognito.sync.facet.EnabledStep;
import dev.operator.cognito.sync.facet.EnsureUserStep;
import dev.operator.cognito.sync.facet.GroupsStep;
import dev.operator.cognito.sync.facet.MfaStep;
import dev.operator.cognito.sync.facet.PasswordStep;
import dev.operator.cognito.sync.facet.PendingSignOuts;
import dev.operator.cognito.sync.facet.PoolSettings;
import dev.operator.cognito.sync.facet.SignOutStep;
import dev.operator.cognito.sync.facet.TemporaryPasswordStep;
import dev.operator.cognito.sync.memory.RetryBackoff;
import dev.operator.cognito.sync.memory.UserStatusReads;
import dev.operator.cognito.sync.memory.WrittenPasswords;
import dev.operator.cognito.sync.status.StatusAggregator;
import dev.operator.cognito.sync.status.StatusConditions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Builds one pass's pipeline, in the order it runs: the checks, the observer, the claim, the facet
 * steps (user, password, temporary password expiry, sign-out, attributes, enabled, groups, MFA) and
 * the status aggregator. The operator's wiring site and the unit tests build it the same way.
 */
public final class SyncWiring {

  private SyncWiring() {}

  public static UserSync userSync(
      CognitoGateway cognito,
      PasswordFingerprinter fingerprinter,
      TargetCheck targets,
      ClaimRegistry registry,
      StatusConditions conditions,
      UserStatusReads reads,
      RetryBackoff backoff,
      Duration recheckInterval,
      GeneratedPasswords generated,
      Clock clock) {
    ClaimSeal seal = new ClaimSeal(fingerprinter);
    WrittenPasswords written = new WrittenPasswords();
    UserObserver observer = new UserObserver(cognito, reads, clock);
    StatusAggregator aggregator = new StatusAggregator(conditions, backoff, reads, recheckInterval);
    StatusBase base = new StatusBase(written, seal);
    Freshness freshness = new Freshness(reads, seal, clock);
    PendingSignOuts signOuts = new PendingSignOuts(fingerprinter);
    PasswordStep password = new PasswordStep(cognito, fingerprinter, conditions, written, signOuts);
    SignOutStep signOut = new SignOutStep(cognito, signOuts, conditions, written);
    PoolSettings pools = new PoolSettings(cognito, clock);
    CredentialSource credentials =
        new CredentialSource(
            generated.enabled(),
            generated.selectorLabels(),
            pools,
            new PasswordGenerator(new SecureRandom()),
            generated.writer(),
            clock);
    return new UserSync(
        fingerprinter,
        targets,
        observer,
        seal,
        new ClaimCheck(seal, registry, written, clock),
        new FederatedCheck(),
        new EnsureUserStep(cognito),
        List.of(
            password,
            new TemporaryPasswordStep(pools, password, clock),
            signOut,
            new AttributesStep(cognito),
            new EnabledStep(cognito),
            new GroupsStep(cognito),
            new MfaStep(cognito)),
        aggregator,
        base,
        freshness,
        new PasswordOnlyPass(
            freshness,
            reads,
            fingerprinter,
            registry,
            password,
            signOut,
            observer,
            aggregator,
            clock),
        new UserDeletion(targets, base, seal, registry, cognito, backoff, aggregator, clock),
        new UserMemory(backoff, reads, observer, written),
        credentials,
        new Pause(conditions),
        clock);
  }
}
