package dev.operator.cognito.bench;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.support.KubernetesTestCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * bench/run --users N: how soon a rotated Secret reaches Cognito, how many users one operator holds
 * and at what memory, and how well it uses Cognito's quota. Every figure that can be is set against
 * a baseline measured in the same run. See BENCHMARKS.md.
 */
public final class Benchmark {

  private static final String NS = "bench";
  private static final String POOL = "us-east-1_Bench1";
  private static final int CONCURRENCY = 10; // the operator's default RECONCILE_THREADS
  private static final int RUNS = 3;
  private static final int LATENCY_SAMPLES = 200;
  private static final int UNRELATED_SECRETS = 20_000;

  private final int users;
  private final boolean withUnrelated;
  private final Map<String, Object> results = new LinkedHashMap<>();
  private final List<Double> latenciesMs = new ArrayList<>();
  private final ExecutorService writers = Executors.newFixedThreadPool(16);

  private Benchmark(int users, boolean withUnrelated) {
    this.users = users;
    this.withUnrelated = withUnrelated;
  }

  public static void main(String[] args) throws Exception {
    int users = 1000;
    boolean unrelated = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "--no-unrelated-secrets" -> unrelated = false;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    new Benchmark(users, unrelated).run();
    System.exit(0);
  }

  private void run() throws Exception {
    results.put("users", users);
    try (CognitoStandIn cognito = new CognitoStandIn();
        KubernetesTestCluster cluster = new KubernetesTestCluster(false);
        Baseline baseline = new Baseline(cognito.endpoint(), CONCURRENCY)) {
      KubernetesClient client = cluster.client();
      for (String ns : List.of(NS, "cognito-user-operator")) {
        client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
      }
      List<String> names = new ArrayList<>();
      List<String> baselineNames = new ArrayList<>();
      for (int i = 0; i < users; i++) {
        names.add("u" + i);
        cognito.addUser("user-" + i);
        baselineNames.add("baseline-" + i);
        cognito.addUser("baseline-" + i);
      }
      progress("stand-in alone: %d AdminGetUser + AdminSetUserPassword pairs", users);
      List<Double> baselines = new ArrayList<>();
      for (int r = 0; r < RUNS; r++) {
        baselines.add(baseline.readAndSet(baselineNames, POOL, "Baseline-" + r + "!"));
      }
      double baselineS = median(baselines);
      results.put("create_baseline_s", round(baselineS));
      results.put("rotate_baseline_s", round(baselineS));

      Map<String, String> fast =
          Map.of("COGNITO_WRITES_PER_SECOND", "100000", "COGNITO_READS_PER_SECOND", "100000");
      OperatorRun operator = OperatorRun.start(cluster.client().getConfiguration().getMasterUrl(), cognito.endpoint(), fast);
      results.put("startup_to_ready_s", round(operator.awaitReady(Duration.ofMinutes(2))));

      create(client, cognito, names);
      rotate(client, cognito, names);
      latency(client, cognito, names);
      operator = noop(cluster, cognito, operator, fast);
      operator = rate(cluster, cognito, operator, names);
      memory(client, operator);
      operator.close();
    } finally {
      writers.shutdownNow();
    }
    Report.write(results, latenciesMs);
  }

  private void create(KubernetesClient client, CognitoStandIn cognito, List<String> names)
      throws Exception {
    progress("create: %d CognitoUsers with their Secrets", users);
    List<CompletableFuture<Long>> arrivals = new ArrayList<>();
    long start = System.nanoTime();
    List<Future<?>> made = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String username = "user-" + i;
      String password = newPassword();
      arrivals.add(cognito.expect(username, password));
      made.add(
          writers.submit(
              () -> {
                client.resource(secret(name, password)).create();
                client.resource(cognitoUser(name, username)).create();
              }));
    }
    for (Future<?> f : made) {
      f.get();
    }
    awaitReady(client, names.size(), Duration.ofMinutes(30));
    double seconds = (System.nanoTime() - start) / 1e9;
    results.put("create_converge_s", round(seconds));
    results.put("create_ratio", round(seconds / (double) results.get("create_baseline_s")));
  }

  private void rotate(KubernetesClient client, CognitoStandIn cognito, List<String> names)
      throws Exception {
    List<Double> runs = new ArrayList<>();
    for (int r = 0; r < RUNS; r++) {
      progress("rotate %d/%d: all %d Secrets", r + 1, RUNS, users);
      List<CompletableFuture<Long>> arrivals = new ArrayList<>();
      long start = System.nanoTime();
      List<Future<?>> edits = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        String password = newPassword();
        arrivals.add(cognito.expect("user-" + i, password));
        String name = names.get(i);
        edits.add(writers.submit(() -> setPassword(client, name, password)));
      }
      for (Future<?> f : edits) {
        f.get();
      }
      CompletableFuture.allOf(arrivals.toArray(CompletableFuture[]::new))
          .get(30, TimeUnit.MINUTES);
      runs.add((System.nanoTime() - start) / 1e9);
    }
    double seconds = median(runs);
    results.put("rotate_converge_s", round(seconds));
    results.put("rotate_ratio", round(seconds / (double) results.get("rotate_baseline_s")));
  }

  private void latency(KubernetesClient client, CognitoStandIn cognito, List<String> names)
      throws Exception {
    progress("latency: %d single rotations, one after another, %d users held", LATENCY_SAMPLES, users);
    for (int s = 0; s < LATENCY_SAMPLES; s++) {
      int i = ThreadLocalRandom.current().nextInt(names.size());
      String password = newPassword();
      CompletableFuture<Long> arrival = cognito.expect("user-" + i, password);
      long start = System.nanoTime();
      setPassword(client, names.get(i), password);
      long arrived = arrival.get(1, TimeUnit.MINUTES);
      latenciesMs.add((arrived - start) / 1e6);
    }
    List<Double> sorted = new ArrayList<>(latenciesMs);
    Collections.sort(sorted);
    results.put("rotation_latency_ms_p50", round(percentile(sorted, 0.50)));
    results.put("rotation_latency_ms_p99", round(percentile(sorted, 0.99)));
  }

  /** A restart with nothing changed: every user is read again, and nothing is written. */
  private OperatorRun noop(
      KubernetesTestCluster cluster, CognitoStandIn cognito, OperatorRun operator, Map<String, String> env)
      throws Exception {
    progress("no-op: a restart with nothing changed");
    // the last rotation's status patch lands first: a stop before it is the documented window
    Thread.sleep(3000);
    long writes = cognito.calls("AdminSetUserPassword");
    long reads = cognito.calls("AdminGetUser");
    operator.close();
    OperatorRun restarted = OperatorRun.start(cluster.client().getConfiguration().getMasterUrl(), cognito.endpoint(), env);
    results.put("startup_to_ready_s", round(restarted.awaitReady(Duration.ofMinutes(5))));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (cognito.calls("AdminGetUser") < reads + users && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    Thread.sleep(3000);
    results.put("noop_resync_writes", cognito.calls("AdminSetUserPassword") - writes);
    return restarted;
  }

  /** With the write limit at R, rotate 10 x R users: the rate achieved, and the busiest second. */
  private OperatorRun rate(
      KubernetesTestCluster cluster, CognitoStandIn cognito, OperatorRun operator, List<String> names)
      throws Exception {
    int limit = Math.max(10, users / 10);
    progress("rate: rotate %d users with COGNITO_WRITES_PER_SECOND=%d", limit * 10, limit);
    operator.close();
    OperatorRun limited =
        OperatorRun.start(
            cluster.client().getConfiguration().getMasterUrl(),
            cognito.endpoint(),
            Map.of(
                "COGNITO_WRITES_PER_SECOND", Integer.toString(limit),
                "COGNITO_READS_PER_SECOND", "100000"));
    limited.awaitReady(Duration.ofMinutes(5));
    Thread.sleep(3000); // its first reads, which write nothing
    cognito.clearWriteTimes();
    List<CompletableFuture<Long>> arrivals = new ArrayList<>();
    int count = Math.min(names.size(), limit * 10);
    for (int i = 0; i < count; i++) {
      String password = newPassword();
      arrivals.add(cognito.expect("user-" + i, password));
      String name = names.get(i);
      writers.submit(() -> setPassword(cluster.client(), name, password));
    }
    CompletableFuture.allOf(arrivals.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
    List<Long> times = cognito.writeTimes();
    Collections.sort(times);
    double span = (times.get(times.size() - 1) - times.get(0)) / 1e9;
    int busiest = 0;
    for (int a = 0, b = 0; a < times.size(); a++) {
      while (b < times.size() && times.get(b) - times.get(a) < 1_000_000_000L) {
        b++;
      }
      busiest = Math.max(busiest, b - a);
    }
    results.put("rate_limit_rps", limit);
    results.put("rate_achieved_rps", round((times.size() - 1) / span));
    results.put("rate_max_in_any_second", busiest);
    return limited;
  }

  private void memory(KubernetesClient client, OperatorRun operator) throws Exception {
    progress("memory: the operator holding %d users", users);
    results.put(
        "heap_used_mib_without_unrelated_secrets",
        round(ProcessMemory.heapUsedAfterFullGcMib(operator.pid())));
    int unrelated = withUnrelated ? UNRELATED_SECRETS : 0;
    if (unrelated > 0) {
      progress("memory: %d unrelated Secrets of 10 KiB, applied with kubectl's annotation", unrelated);
      String value = "x".repeat(10 * 1024);
      List<Future<?>> made = new ArrayList<>();
      for (int i = 0; i < unrelated; i++) {
        String name = "unrelated-" + i;
        made.add(writers.submit(() -> client.resource(unrelatedSecret(name, value)).create()));
      }
      for (Future<?> f : made) {
        f.get();
      }
      Thread.sleep(5000); // the informer's events
    }
    results.put("unrelated_secrets", unrelated);
    results.put("heap_used_mib", round(ProcessMemory.heapUsedAfterFullGcMib(operator.pid())));
    results.put("rss_mib", round(ProcessMemory.rssMib(operator.pid())));
  }

  private static void awaitReady(KubernetesClient client, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      long ready =
          client.resources(CognitoUser.class).inNamespace(NS).list().getItems().stream()
              .filter(
                  u ->
                      u.getStatus() != null
                          && u.getStatus().getConditions().stream()
                              .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
              .count();
      if (ready == count) {
        return;
      }
      Thread.sleep(count > 2000 ? 1000 : 200);
    }
    throw new IllegalStateException("not every CognitoUser became Ready within " + timeout);
  }

  private static void setPassword(KubernetesClient client, String name, String password) {
    client
        .secrets()
        .inNamespace(NS)
        .withName(name + "-password")
        .edit(
            s -> {
              s.getData().put("password", base64(password));
              return s;
            });
  }

  private static Secret secret(String name, String password) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name + "-password")
        .withNamespace(NS)
        .endMetadata()
        .withData(Map.of("password", base64(password)))
        .build();
  }

  private static Secret unrelatedSecret(String name, String value) {
    String encoded = base64(value);
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .addToAnnotations(
            "kubectl.kubernetes.io/last-applied-configuration",
            "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"data\":{\"blob\":\"" + encoded + "\"}}")
        .endMetadata()
        .withData(Map.of("blob", encoded))
        .build();
  }

  private static CognitoUser cognitoUser(String name, String username) {
    CognitoUserSpec spec = new CognitoUserSpec();
    spec.setUserPoolId(POOL);
    spec.setUsername(username);
    spec.setPasswordSecretRef(new PasswordSecretRef(name + "-password", null));
    CognitoUser user = new CognitoUser();
    user.getMetadata().setName(name);
    user.getMetadata().setNamespace(NS);
    user.setSpec(spec);
    return user;
  }

  private static String newPassword() {
    return "Bench-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "!";
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static double percentile(List<Double> sorted, double p) {
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private static void progress(String format, Object... args) {
    System.out.printf("bench: " + format + "%n", args);
  }
}
