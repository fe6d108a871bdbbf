package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.PrometheusText;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestPasswords;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What /metrics says about the operator's work, and the Grafana dashboard that charts it: every
 * series the dashboard queries is exported by a running operator.
 */
@OperatorTest
class MetricsIT {

  private static final Path DASHBOARD = Path.of("deploy/grafana/cognito-user-operator.json");
  private static final Pattern METRIC =
      Pattern.compile("\\b((?:cognito|cognitouser|operator_sdk)_[a-z_]+)");

  private static OperatorHarness harness;
  private static Pool pool;

  @BeforeAll
  static void start() {
    pool = harness.cognito().createPool(OperatorHarness.uniqueName("metrics"));
  }

  @Test
  void writesRotationsStatusesAndFailuresAreCountedWithoutNamingAnyone() {
    String ns = harness.newNamespace("metrics");
    String username = harness.manage(ns, "mia", pool, true).username();
    harness.awaitReason(ns, "mia", "PasswordSet");
    harness.createUser(ns, "ghost", pool.id(), username, "no-such-secret");
    harness.awaitReason(ns, "ghost", "SecretNotFound");

    harness.setSecretKey(ns, "mia-password", "password", TestPasswords.next());

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> assertThat(value("cognitouser_password_rotation_seconds_count")).isPositive());
    String metrics = harness.scrapeMetrics();
    assertThat(value("cognitouser_password_writes_total{outcome=\"success\"}"))
        .isGreaterThanOrEqualTo(2);
    assertThat(value("cognitouser_users{user_status=\"CONFIRMED\"}")).isGreaterThanOrEqualTo(1);
    assertThat(value("cognitouser_not_ready{reason=\"SecretNotFound\"}")).isEqualTo(1);
    assertThat(metrics).contains("cognitouser_password_rotation_seconds_bucket{le=");
    assertThat(metrics)
        .as("no namespace, user or pool names as labels")
        .doesNotContain(ns)
        .doesNotContain(username)
        .doesNotContain(pool.id());
  }

  @Test
  void everySeriesTheDashboardQueriesIsExported() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    Set<String> queried = new TreeSet<>();
    dashboard.findValues("expr").forEach(expr -> collect(expr.asText(), queried));
    assertThat(queried).hasSizeGreaterThanOrEqualTo(6);

    String metrics = harness.scrapeMetrics();
    for (String name : queried) {
      assertThat(metrics).as("series %s, queried by the dashboard", name).contains("\n" + name);
    }
  }

  private static void collect(String expr, Set<String> names) {
    Matcher m = METRIC.matcher(expr);
    while (m.find()) {
      names.add(m.group(1));
    }
  }

  private static double value(String series) {
    return PrometheusText.value(harness.scrapeMetrics(), series);
  }
}
