package dev.operator.cognito.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.operator.cognito.grants.GrantMode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentConfigTest {

  @Test
  void defaultsWatchAllNamespacesAndStayUnderCognitoQuotas() {
    OperatorConfig config = EnvironmentConfig.from(Map.of());

    assertThat(config.watchesAllNamespaces()).isTrue();
    assertThat(config.statusRefreshInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(config.recheckInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.retryInitialInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.retryMaxInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.cognitoRates().passwordChanges()).isEqualTo(20.0);
    assertThat(config.cognitoRates().reads()).isEqualTo(50.0);
    assertThat(config.cognitoCallTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.operatorNamespace()).isEmpty();
    assertThat(config.fingerprintKeySecret()).isEqualTo("cognito-user-operator-fingerprint-key");
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.leaderElection()).isEmpty();
    assertThat(config.reconcileThreads()).isEqualTo(10);
  }

  @Test
  void generatedPasswordsAreOffUnlessEnabled() {
    assertThat(EnvironmentConfig.from(Map.of()).generatedPasswords()).isFalse();
    assertThat(
            EnvironmentConfig.from(Map.of("GENERATED_PASSWORDS", "enabled")).generatedPasswords())
        .isTrue();
  }

  @Test
  void grantsAreRequiredUnlessSetOptional() {
    assertThat(EnvironmentConfig.from(Map.of()).grantMode()).isEqualTo(GrantMode.REQUIRED);
    assertThat(EnvironmentConfig.from(Map.of("USER_POOL_GRANTS", "required")).grantMode())
        .isEqualTo(GrantMode.REQUIRED);
    assertThat(EnvironmentConfig.from(Map.of("USER_POOL_GRANTS", "optional")).grantMode())
        .isEqualTo(GrantMode.OPTIONAL);
  }

  @Test
  void readsEverySetting() {
    OperatorConfig config =
        EnvironmentConfig.from(
            Map.ofEntries(
                Map.entry("WATCH_NAMESPACES", " team-a, team-b ,,"),
                Map.entry("STATUS_REFRESH_INTERVAL", "0"),
                Map.entry("RECHECK_INTERVAL", "PT30S"),
                Map.entry("RETRY_INITIAL_INTERVAL", "250ms"),
                Map.entry("RETRY_MAX_INTERVAL", "2m"),
                Map.entry("COGNITO_WRITES_PER_SECOND", "5.5"),
                Map.entry("COGNITO_READS_PER_SECOND", "100"),
                Map.entry("COGNITO_CALL_TIMEOUT", "3s"),
                Map.entry("OPERATOR_NAMESPACE", "ops"),
                Map.entry("FINGERPRINT_KEY_SECRET", "key"),
                Map.entry("HTTP_PORT", "9090"),
                Map.entry("LEADER_ELECTION", "false"),
                Map.entry("LEADER_ELECTION_LEASE_NAME", "lease"),
                Map.entry("RECONCILE_THREADS", "4")));

    assertThat(config.watchNamespaces()).containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(config.statusRefreshInterval()).isZero();
    assertThat(config.recheckInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.retryInitialInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.retryMaxInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.cognitoRates().passwordChanges()).isEqualTo(5.5);
    assertThat(config.cognitoRates().reads()).isEqualTo(100.0);
    assertThat(config.cognitoCallTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.operatorNamespace()).contains("ops");
    assertThat(config.fingerprintKeySecret()).isEqualTo("key");
    assertThat(config.httpPort()).isEqualTo(9090);
    assertThat(config.leaderElection()).isEqualTo(Optional.of(false));
    assertThat(config.leaseName()).isEqualTo("lease");
    assertThat(config.reconcileThreads()).isEqualTo(4);
  }

  @ParameterizedTest
  @CsvSource({
    "STATUS_REFRESH_INTERVAL, soon, 30s",
    "RECHECK_INTERVAL, 0s, above zero",
    "COGNITO_CALL_TIMEOUT, -5s, duration",
    "COGNITO_WRITES_PER_SECOND, 0, above zero",
    "COGNITO_READS_PER_SECOND, many, calls per second",
    "HTTP_PORT, 70000, 0 to 65535",
    "RECONCILE_THREADS, 0, 1 to 200",
    "LEADER_ELECTION, maybe, true or false",
    "ALLOWED_REGIONS, 'us-east-1,s3', 's3'",
    "LOG_FORMAT, xml, text or json",
    "USER_POOL_GRANTS, sometimes, optional or required",
    "GENERATED_PASSWORDS, true, enabled or disabled"
  })
  void aBadValueNamesTheVariableAndWhatItAccepts(String variable, String value, String hint) {
    assertThatThrownBy(() -> EnvironmentConfig.from(Map.of(variable, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(variable)
        .hasMessageContaining(hint);
  }

  @Test
  void theFirstRetryMayNotExceedTheCap() {
    assertThatThrownBy(
            () ->
                EnvironmentConfig.from(
                    Map.of("RETRY_INITIAL_INTERVAL", "10m", "RETRY_MAX_INTERVAL", "1m")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("RETRY_INITIAL_INTERVAL");
  }
}
