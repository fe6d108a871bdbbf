package dev.operator.cognito.config;

import dev.operator.cognito.aws.ratelimit.CognitoRates;
import dev.operator.cognito.grants.GrantMode;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's own settings, read from environment variables by {@link EnvironmentConfig}.
 *
 * @param watchNamespaces namespaces to watch; empty means all
 * @param statusRefreshInterval how often AdminGetUser refreshes status.userStatus; zero turns
 *     periodic refreshes off (the user is still read after each write and at start)
 * @param recheckInterval how soon a user that failed for a reason fixed outside the cluster (user
 *     or pool not found, access denied) is tried again
 * @param retryInitialInterval first delay after a transient failure (throttling, outage)
 * @param retryMaxInterval cap on the delay between retries of a transient failure
 * @param cognitoRates the most Cognito calls per second in each quota category, per region
 * @param cognitoCallTimeout how long one Cognito call may take
 * @param operatorNamespace where the fingerprint key Secret and the leader Lease live; empty means
 *     the client's namespace
 * @param fingerprintKeySecret name of the Secret that holds the fingerprint HMAC key
 * @param httpPort port of /metrics, /healthz and /readyz; 0 picks a free one
 * @param leaderElection whether to elect a leader through a Lease; empty means only in cluster
 * @param leaseName name of the leader-election Lease
 * @param allowedRegions the only AWS regions CognitoUsers may use; empty means every region the AWS
 *     SDK knows
 * @param grantMode whether a namespace that no UserPoolGrant matches may use any pool
 * @param secretLabelSelector if set, only Secrets with these labels are seen (and so may hold
 *     passwords)
 * @param podName this replica's name (POD_NAME, from the Downward API): its identity in the Lease
 *     and in Events; empty means the host name
 * @param reconcileThreads how many CognitoUsers are reconciled at once
 * @param generatedPasswords whether the operator may generate passwords into Secrets it creates
 *     (GENERATED_PASSWORDS=enabled; the install grants create and patch on Secrets with it)
 */
public record OperatorConfig(
    Set<String> watchNamespaces,
    Duration statusRefreshInterval,
    Duration recheckInterval,
    Duration retryInitialInterval,
    Duration retryMaxInterval,
    CognitoRates cognitoRates,
    Duration cognitoCallTimeout,
    Optional<String> operatorNamespace,
    String fingerprintKeySecret,
    int httpPort,
    Optional<Boolean> leaderElection,
    String leaseName,
    int reconcileThreads,
    Optional<String> podName,
    Set<String> allowedRegions,
    GrantMode grantMode,
    Optional<String> secretLabelSelector,
    boolean generatedPasswords) {

  public OperatorConfig {
    watchNamespaces = Set.copyOf(watchNamespaces);
    allowedRegions = Set.copyOf(allowedRegions);
  }

  public boolean watchesAllNamespaces() {
    return watchNamespaces.isEmpty();
  }
}
