package dev.operator.cognito.bench;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.GeneratedPassword;
import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.config.EnvironmentConfig;
import dev.operator.cognito.support.ApiServerKind;
import dev.operator.cognito.support.Install;
import dev.operator.cognito.support.KubernetesTestCluster;
import dev.operator.cognito.support.RealApiServer;
import dev.operator.cognito.support.RealTestCluster;
import dev.operator.cognito.support.TestCluster;
import dev.operator.cognito.sync.credential.GeneratedSecrets;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * bench/run [--apiserver real|memory] --users N: how soon a rotated Secret reaches Cognito, how many
 * users one operator holds and at what memory, how well it uses Cognito's quota, and how long
 * users with generated passwords wait when all are due for rotation at once, on a real
 * kube-apiserver (the default) or the in-memory one. Every figure that can be is set against a
 * baseline measured in the same run. See BENCHMARKS.md.
 */
public final class Benchmark {

  private static final String NS = "bench";
  private static final String WARM_UP = "bench-warm-up";
  private static final String GENERATED = "bench-generated";
  private static final String POOL = "us-east-1_Bench1";
  private static final int CONCURRENCY = 10; // the operator's default RECONCILE_THREADS
  private static final int RUNS = 3;
  private static final int LATENCY_SAMPLES = 200;
  private static final int UNRELATED_SECRETS = 20_000;

  private static final List<String> SCENARIOS = List.of("rotate", "latency", "noop", "rate", "memory", "rotate_generated");

  private final ApiServerKind apiServer;
  private final int users;
  private final boolean withUnrelated;
  private final List<String> scenarios;
  private final boolean profile;
  private final Map<String, Object> results = new LinkedHashMap<>();
  private final List<Double> latenciesMs = new ArrayList<>();
  private final ExecutorService writers = Executors.newFixedThreadPool(16);

  /**
   * The last createAll or rotateAll: seconds until the API server had accepted every change. No
   * operator can converge sooner, so it shows how much of a time is the API server's.
   */
  private double lastAcceptedS;

  private Benchmark(
      ApiServerKind apiServer,
      int users,
      boolean withUnrelated,
      List<String> scenarios,
      boolean profile) {
    this.apiServer = apiServer;
    this.users = users;
    this.withUnrelated = withUnrelated;
    this.scenarios = scenarios;
    this.profile = profile;
  }

  public static void main(String[] args) throws Exception {
    ApiServerKind apiServer = ApiServerKind.REAL;
    int users = 1000;
    boolean unrelated = true;
    boolean profile = false;
    List<String> scenarios = SCENARIOS;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--apiserver" -> apiServer = apiServer(args[++i]);
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "--no-unrelated-secrets" -> unrelated = false;
        case "--scenarios" -> scenarios = List.of(args[++i].split(","));
        case "--profile" -> profile = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (!SCENARIOS.containsAll(scenarios)) {
      throw new IllegalArgumentException("scenarios are create (always) and " + SCENARIOS);
    }
    if (apiServer == ApiServerKind.REAL && RealApiServer.missingBinaries().isPresent()) {
      System.err.println(missingBinaries(RealApiServer.missingBinaries().get()));
      System.exit(2);
    }
    new Benchmark(apiServer, users, unrelated, scenarios, profile).run();
    System.exit(0);
  }

  private static ApiServerKind apiServer(String name) {
    return switch (name) {
      case "real" -> ApiServerKind.REAL;
      case "memory" -> ApiServerKind.MEMORY;
      default ->
          throw new IllegalArgumentException("--apiserver is real (the default) or memory: " + name);
    };
  }

  /**
   * No fallback to the in-memory server: its figures are not comparable with a real server's, and
   * a row measured on the other server than asked would go unnoticed among the others. Nor a build:
   * it takes minutes, and Go, which is not everywhere.
   */
  private static String missingBinaries(Path dir) {
    return String.join(
        "\n",
        "bench: --apiserver real (the default) runs kube-apiserver and etcd, and there is no",
        "  kube-apiserver, etcd or kubectl in " + dir + ".",
        "  Build them once with scripts/kube-binaries (needs Go; about 17 minutes on two cores;",
        "  KUBE_BINARIES_DIR moves the cache), or measure on Fabric8's in-memory API server with",
        "  bench/run --apiserver memory (its figures are not comparable with a real server's).");
  }

  private void run() throws Exception {
    results.put("apiserver", apiServer.name().toLowerCase(Locale.ROOT));
    results.put("users", users);
    try (CognitoStandIn cognito = new CognitoStandIn();
        TestCluster cluster = startCluster();
        Baseline baseline = new Baseline(cognito.endpoint(), CONCURRENCY)) {
      KubernetesClient client = cluster.client();
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
          withProfile(
              Map.of("COGNITO_WRITES_PER_SECOND", "100000", "COGNITO_READS_PER_SECOND", "100000"));
      Optional<jdk.jfr.Recording> harnessProfile = profile ? Optional.of(startProfile()) : Optional.empty();
      OperatorRun operator = OperatorRun.start(cluster.operatorKubeconfig(), cognito.endpoint(), fast);
      results.put("startup_to_ready_s", round(operator.awaitReady(Duration.ofMinutes(2))));

      warmUp(client, cognito);
      create(client, names);
      if (scenarios.contains("rotate")) {
        rotate(client, cognito, names);
      }
      if (scenarios.contains("latency")) {
        latency(client, cognito, names);
      }
      if (scenarios.contains("noop")) {
        operator = noop(cluster, cognito, operator, fast);
      }
      if (scenarios.contains("rate")) {
        operator = rate(cluster, cognito, operator, names);
      }
      if (scenarios.contains("memory")) {
        memory(client, operator);
      }
      if (scenarios.contains("rotate_generated")) {
        operator = rotateGenerated(cluster, cognito, operator);
      }
      operator.close();
      checkRbac(cluster);
      if (harnessProfile.isPresent()) {
        harnessProfile.get().dump(Path.of("target", "bench", "harness.jfr"));
        progress("profiles in target/bench/harness.jfr and target/bench/operator-*.jfr");
      }
    } finally {
      writers.shutdownNow();
    }
    if (scenarios.equals(SCENARIOS)) {
      Report.write(results, latenciesMs);
    } else {
      // a partial run is for looking into one figure: it adds no row and draws no figure
      results.put("scenarios", String.join(",", scenarios));
      Report.writeResults(results);
    }
  }

  /** --profile: each operator process records a JFR profile of its own. */
  private Map<String, String> withProfile(Map<String, String> env) {
    if (!profile) {
      return env;
    }
    Map<String, String> profiled = new java.util.HashMap<>(env);
    profiled.put(
        "JAVA_TOOL_OPTIONS",
        "-XX:StartFlightRecording=settings=profile,filename="
            + Path.of("target", "bench").toAbsolutePath()
            + "/operator-"
            + System.nanoTime()
            + ".jfr");
    return profiled;
  }

  /**
   * --profile: this process (the stand-in, the writers and, with --apiserver memory, the API
   * server).
   */
  private static jdk.jfr.Recording startProfile() throws Exception {
    jdk.jfr.Recording recording =
        new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
    recording.start();
    return recording;
  }

  /**
   * The API server with the CRDs and the bench's namespaces. A real one also has the operator
   * installed as {@code kubectl apply -k deploy/} installs it (its namespace, ServiceAccount and
   * RBAC), and the operator runs with that ServiceAccount's token.
   */
  private TestCluster startCluster() {
    progress("starting the %s API server", apiServer.name().toLowerCase(Locale.ROOT));
    TestCluster cluster =
        switch (apiServer) {
          // with the audit log that checkRbac reads: writing it cost nothing measurable (three
          // rotations of 1,000 users, 16,500 requests logged: kube-apiserver 90 and 93 CPU seconds
          // with it, 95 and 97 without; the times within their run-to-run spread)
          case REAL -> RealTestCluster.start(Install.KUSTOMIZE_BASE);
          case MEMORY -> new KubernetesTestCluster(false);
        };
    try {
      KubernetesClient client = cluster.client();
      for (String ns : List.of(NS, WARM_UP, GENERATED, Install.NAMESPACE)) {
        if (client.namespaces().withName(ns).get() == null) {
          client
              .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
              .create();
        }
      }
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * On a real server, that the operator did all of it under the RBAC of deploy/: had the server
   * refused a request, the figures would be those of an operator failing, and no row is added.
   */
  private static void checkRbac(TestCluster cluster) {
    if (!(cluster instanceof RealTestCluster real)) {
      return; // the in-memory server keeps no requests here: recording them would slow it
    }
    int requests = real.operatorRequests().size();
    real.assertOperatorKeptToItsRbac(Install.NAMESPACE, "cognito-user-operator-fingerprint-key");
    progress("RBAC: the API server refused none of the operator's %d requests (audit log)", requests);
  }

  private void create(KubernetesClient client, List<String> names) throws Exception {
    progress("create: %d CognitoUsers with their Secrets", users);
    double seconds = createAll(client, NS, "user-", names);
    results.put("create_api_server_accepted_s", round(lastAcceptedS));
    results.put("create_converge_s", round(seconds));
    results.put("create_ratio", round(seconds / (double) results.get("create_baseline_s")));
  }

  /** Creates a CognitoUser and its Secret for each name, and waits until all are Ready. */
  private double createAll(
      KubernetesClient client, String namespace, String userPrefix, List<String> names)
      throws Exception {
    long start = System.nanoTime();
    List<Future<?>> made = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String username = userPrefix + i;
      String password = newPassword();
      made.add(
          writers.submit(
              () -> {
                client.resource(secret(namespace, name, password)).create();
                client.resource(cognitoUser(namespace, name, username)).create();
              }));
    }
    for (Future<?> f : made) {
      f.get();
    }
    lastAcceptedS = (System.nanoTime() - start) / 1e9;
    awaitReady(client, namespace, names.size(), Duration.ofMinutes(30));
    return (System.nanoTime() - start) / 1e9;
  }

  /** Rotates every name's Secret once; the seconds until the stand-in holds every new password. */
  private double rotateAll(
      KubernetesClient client,
      CognitoStandIn cognito,
      String namespace,
      String userPrefix,
      List<String> names)
      throws Exception {
    return rotateAll(client, cognito, namespace, userPrefix, names, 0);
  }

  /** As above, with at most {@code perSecond} Secret updates a second (0: as fast as it can). */
  private double rotateAll(
      KubernetesClient client,
      CognitoStandIn cognito,
      String namespace,
      String userPrefix,
      List<String> names,
      double perSecond)
      throws Exception {
    List<CompletableFuture<Long>> arrivals = new ArrayList<>();
    long start = System.nanoTime();
    List<Future<?>> edits = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (perSecond > 0) {
        long due = start + (long) (i * 1e9 / perSecond);
        long early = due - System.nanoTime();
        if (early > 0) {
          TimeUnit.NANOSECONDS.sleep(early);
        }
      }
      String password = newPassword();
      arrivals.add(cognito.expect(userPrefix + i, password));
      String name = names.get(i);
      edits.add(writers.submit(() -> setPassword(client, namespace, name, password)));
    }
    for (Future<?> f : edits) {
      f.get();
    }
    lastAcceptedS = (System.nanoTime() - start) / 1e9;
    CompletableFuture.allOf(arrivals.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * Warms the operator up before anything is measured: in a cold JVM the JIT compiler took 43% of
   * the operator's CPU through a 1,000-user run (async-profiler), so a cold run measures the
   * compiler more than the operator. Users in a namespace of their own are created, rotated twice
   * and deleted again, so the users held afterwards are the measured ones only.
   */
  private void warmUp(KubernetesClient client, CognitoStandIn cognito) throws Exception {
    int count = Math.min(users, 500);
    progress("warm-up: %d CognitoUsers created, rotated twice and deleted (not measured)", count);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add("w" + i);
      cognito.addUser("warm-" + i);
    }
    createAll(client, WARM_UP, "warm-", names);
    for (int r = 0; r < 2; r++) {
      rotateAll(client, cognito, WARM_UP, "warm-", names);
    }
    client.resources(CognitoUser.class).inNamespace(WARM_UP).delete();
    client.secrets().inNamespace(WARM_UP).delete();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!client.resources(CognitoUser.class).inNamespace(WARM_UP).list().getItems().isEmpty()
        && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
  }

  private void rotate(KubernetesClient client, CognitoStandIn cognito, List<String> names)
      throws Exception {
    List<Double> runs = new ArrayList<>();
    List<Double> accepted = new ArrayList<>();
    for (int r = 0; r < RUNS; r++) {
      progress("rotate %d/%d: all %d Secrets", r + 1, RUNS, users);
      runs.add(rotateAll(client, cognito, NS, "user-", names));
      accepted.add(lastAcceptedS);
    }
    results.put("rotate_api_server_accepted_s", round(median(accepted)));
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
      setPassword(client, NS, names.get(i), password);
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
      TestCluster cluster, CognitoStandIn cognito, OperatorRun operator, Map<String, String> env)
      throws Exception {
    progress("no-op: a restart with nothing changed");
    // the last rotation's status patch lands first: a stop before it is the documented window
    Thread.sleep(3000);
    long writes = cognito.calls("AdminSetUserPassword");
    long reads = cognito.calls("AdminGetUser");
    operator.close();
    OperatorRun restarted = OperatorRun.start(cluster.operatorKubeconfig(), cognito.endpoint(), env);
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
      TestCluster cluster, CognitoStandIn cognito, OperatorRun operator, List<String> names)
      throws Exception {
    int limit = Math.max(10, users / 10);
    progress("rate: rotate %d users with COGNITO_WRITES_PER_SECOND=%d", limit * 10, limit);
    operator.close();
    OperatorRun limited =
        OperatorRun.start(
            cluster.operatorKubeconfig(),
            cognito.endpoint(),
            withProfile(
                Map.of(
                    "COGNITO_WRITES_PER_SECOND", Integer.toString(limit),
                    "COGNITO_READS_PER_SECOND", "100000")));
    limited.awaitReady(Duration.ofMinutes(5));
    Thread.sleep(3000); // its first reads, which write nothing
    int count = Math.min(names.size(), limit * 10);
    // Secrets change at one and a half times the limit: always more work than the limit allows,
    // without the harness's own flood of updates taking the operator's CPU on this shared machine
    // (updates as fast as possible gave 60 to 75 writes per second for the first four seconds)
    double pace = 1.5 * limit;
    // the restarted process is cold: two seconds' worth of writes warm it up, unmeasured
    rotateAll(
        cluster.client(), cognito, NS, "user-", names.subList(0, Math.min(count, 2 * limit)), pace);
    cognito.clearWriteTimes();
    rotateAll(cluster.client(), cognito, NS, "user-", names.subList(0, count), pace);
    List<Long> times = cognito.writeTimes();
    Collections.sort(times);

    double span = (times.get(times.size() - 1) - times.get(0)) / 1e9;
    int busiest = Report.busiestSecond(times);
    results.put("rate_limit_rps", limit);
    results.put("rate_achieved_rps", round((times.size() - 1) / span));
    results.put("rate_max_in_any_second", busiest);
    return limited;
  }

  /**
   * Issue 19's done-criterion: N users with generated passwords, all Ready, are all asked to rotate
   * at once (one new rotate-requested-at value, annotated as fast as the harness can), under the
   * operator's default write limit. Per user: the wait from its annotation being accepted by the API
   * server to its AdminSetUserPassword arriving at the stand-in. Then every user's new password, read
   * from its Secret, must sign in.
   */
  private OperatorRun rotateGenerated(
      TestCluster cluster, CognitoStandIn cognito, OperatorRun operator) throws Exception {
    operator.close();
    if (cluster instanceof RealTestCluster real) {
      // the install turns generated passwords on as a user would: the Kustomize overlay with the
      // component, which adds create and patch on Secrets (the audit log's check then allows writes
      // to the Secrets the operator generated, and no others)
      RealApiServer.Kubectl applied =
          real.server().kubectl("apply", "-k", "deploy/overlays/generated-passwords");
      if (applied.exitCode() != 0) {
        throw new IllegalStateException(
            "kubectl apply -k deploy/overlays/generated-passwords: " + applied.output());
      }
    }
    // the write limit is the operator's default (COGNITO_WRITES_PER_SECOND unset); reads are not
    // limited here, as in the other scenarios, so that the write limit is the one in force
    Map<String, String> env =
        Map.of("GENERATED_PASSWORDS", "enabled", "COGNITO_READS_PER_SECOND", "100000");
    double limit = EnvironmentConfig.from(env).cognitoRates().passwordChanges();
    results.put("rotate_generated_limit_rps", limit);
    OperatorRun generating =
        OperatorRun.start(cluster.operatorKubeconfig(), cognito.endpoint(), withProfile(env));
    generating.awaitReady(Duration.ofMinutes(5));
    KubernetesClient client = cluster.client();

    // N users with generate: the operator creates each Secret and sets its password, at the same
    // limit, which also warms the restarted operator up on the path the rotation takes (unmeasured)
    progress(
        "rotate_generated: %d CognitoUsers with generated passwords, COGNITO_WRITES_PER_SECOND=%s"
            + " (the default)",
        users,
        limit);
    List<String> names = new ArrayList<>();
    List<Future<?>> made = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      String name = "g" + i;
      String username = "generated-" + i;
      names.add(name);
      cognito.addUser(username);
      made.add(
          writers.submit(
              () -> client.resource(generatedUser(GENERATED, name, username)).create()));
    }
    for (Future<?> f : made) {
      f.get();
    }
    awaitReady(client, GENERATED, users, Duration.ofMinutes(30));
    Thread.sleep(3000); // the last passes' status patches and Events
    Map<String, String> before = passwordDigests(client);
    if (before.size() != users) {
      throw new IllegalStateException(
          before.size() + " generated Secrets of " + users + " after every user was Ready");
    }

    progress("rotate_generated: all %d annotated with one rotate-requested-at, at once", users);
    List<CompletableFuture<Long>> arrivals = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      arrivals.add(cognito.nextWrite("generated-" + i));
    }
    cognito.clearWriteTimes();
    String request = java.time.Instant.now().toString();
    String patch =
        "{\"metadata\":{\"annotations\":{\""
            + GeneratedSecrets.ROTATE_REQUESTED_AT
            + "\":\""
            + request
            + "\"}}}";
    long[] accepted = new long[users];
    long start = System.nanoTime();
    java.time.Instant startWall = java.time.Instant.now();
    List<Future<?>> edits = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      int index = i;
      String name = names.get(i);
      edits.add(
          writers.submit(
              () -> {
                client
                    .resources(CognitoUser.class)
                    .inNamespace(GENERATED)
                    .withName(name)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
                accepted[index] = System.nanoTime();
              }));
    }
    for (Future<?> f : edits) {
      f.get();
    }
    long allAccepted = System.nanoTime();
    CompletableFuture.allOf(arrivals.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
    Thread.sleep(3000); // any second write for a user would come now, and be counted
    // when the operator wrote each new password into its Secret (the operator's clock, on this
    // machine): the annotation's pass writes the Secret first, and the Cognito write follows
    Map<String, Double> secretWritten = new java.util.HashMap<>();
    for (Secret secret : generatedSecrets(client)) {
      String at = secret.getMetadata().getAnnotations().get(GeneratedSecrets.GENERATED_AT);
      secretWritten.put(
          secret.getMetadata().getName(),
          Duration.between(startWall, java.time.Instant.parse(at)).toNanos() / 1e9);
    }
    long first = Long.MAX_VALUE;
    long last = 0;
    int whileAnnotating = 0;
    double lastSecret = 0;
    List<Double> waits = new ArrayList<>();
    List<Double> toSecret = new ArrayList<>();
    StringBuilder csv = new StringBuilder("user,accepted_s,secret_s,write_s,wait_s\n");
    for (int i = 0; i < users; i++) {
      long arrived = arrivals.get(i).get();
      first = Math.min(first, arrived);
      last = Math.max(last, arrived);
      if (arrived < allAccepted) {
        whileAnnotating++;
      }
      double acceptedS = (accepted[i] - start) / 1e9;
      double secretS = secretWritten.getOrDefault(names.get(i) + "-password", Double.NaN);
      lastSecret = Math.max(lastSecret, secretS);
      waits.add((arrived - accepted[i]) / 1e9);
      toSecret.add(secretS - acceptedS);
      csv.append(
          String.format(
              Locale.ROOT,
              "%d,%.4f,%.4f,%.4f,%.4f%n",
              i,
              acceptedS,
              secretS,
              (arrived - start) / 1e9,
              (arrived - accepted[i]) / 1e9));
    }
    results.put("rotate_generated_api_server_accepted_s", round((allAccepted - start) / 1e9));
    results.put("rotate_generated_duration_s", round((last - start) / 1e9));
    results.putAll(Report.rotationWaits(waits, cognito.writeTimes()));
    // the shape of the drain: how soon the first write came, how many came while the harness was
    // still annotating, the rate after it had finished, and how long the operator took to write
    // the new passwords into the Secrets (annotation accepted to Secret written, per user)
    results.put("rotate_generated_first_write_s", round((first - start) / 1e9));
    results.put("rotate_generated_writes_while_annotating", whileAnnotating);
    results.put(
        "rotate_generated_rps_after_annotating",
        last > allAccepted ? round((users - whileAnnotating) / ((last - allAccepted) / 1e9)) : 0.0);
    Collections.sort(toSecret);
    results.put("rotate_generated_secrets_written_s", round(lastSecret));
    results.put("rotate_generated_to_secret_p50_s", round(percentile(toSecret, 0.50)));
    results.put("rotate_generated_to_secret_max_s", round(toSecret.get(toSecret.size() - 1)));
    // each user's times from the first patch sent, in the order they were patched (no password)
    Path waitsFile = Path.of("target", "bench", "rotate_generated.csv");
    java.nio.file.Files.writeString(waitsFile, csv);
    progress("rotate_generated: each user's times in %s", waitsFile);

    checkSignIns(client, cognito, before, request);
    return generating;
  }

  /**
   * That every generated Secret holds a new password, handled for {@code request}, which signs in.
   * Counts only: no password is printed, logged or kept beyond its digest.
   */
  private void checkSignIns(
      KubernetesClient client, CognitoStandIn cognito, Map<String, String> before, String request)
      throws Exception {
    int signedIn = 0;
    int changed = 0;
    int handled = 0;
    try (SignIn signIn = new SignIn(cognito.endpoint())) {
      for (Secret secret : generatedSecrets(client)) {
        String name = secret.getMetadata().getName();
        String username = "generated-" + name.substring(1, name.indexOf('-'));
        String password = passwordIn(secret);
        if (!digest(password).equals(before.get(name))) {
          changed++;
        }
        if (request.equals(
            secret.getMetadata().getAnnotations().get(GeneratedSecrets.ROTATE_REQUESTED_AT))) {
          handled++;
        }
        if (signIn.signsIn(POOL, username, password)) {
          signedIn++;
        }
      }
    }
    results.put("rotate_generated_passwords_changed", changed);
    results.put("rotate_generated_requests_handled", handled);
    results.put("rotate_generated_signed_in", signedIn);
    progress(
        "rotate_generated: of %d users, %d Secrets hold a new password, %d record the request,"
            + " %d sign in with it",
        users,
        changed,
        handled,
        signedIn);
  }

  private static List<Secret> generatedSecrets(KubernetesClient client) {
    return client
        .secrets()
        .inNamespace(GENERATED)
        .withLabel(GeneratedSecrets.GENERATED_LABEL, "true")
        .list()
        .getItems();
  }

  /** Each generated Secret's name and the SHA-256 of its password (never the password). */
  private static Map<String, String> passwordDigests(KubernetesClient client) {
    Map<String, String> digests = new java.util.HashMap<>();
    for (Secret secret : generatedSecrets(client)) {
      digests.put(secret.getMetadata().getName(), digest(passwordIn(secret)));
    }
    return digests;
  }

  private static String passwordIn(Secret secret) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get(PasswordSecretRef.DEFAULT_KEY)),
        StandardCharsets.UTF_8);
  }

  private static String digest(String value) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private void memory(KubernetesClient client, OperatorRun operator) throws Exception {
    progress("memory: the operator holding %d users", users);
    // the operator goes on for a while after the last password arrives: rotations the rate limit
    // deferred wake, read their Secret and find nothing left to write. On a real API server that took
    // seconds, and the heap measured during it read 64 to 74 MiB where 35 MiB were live.
    Thread.sleep(5000);
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

  /**
   * Waits until {@code count} CognitoUsers are Ready, as an informer (one list, then a watch) sees
   * them: polling with a list of every CognitoUser would load the API server whose speed is being
   * measured.
   */
  private static void awaitReady(
      KubernetesClient client, String namespace, int count, Duration timeout)
      throws InterruptedException {
    Set<String> ready = ConcurrentHashMap.newKeySet();
    CountDownLatch all = new CountDownLatch(1);
    ResourceEventHandler<CognitoUser> handler =
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(CognitoUser user) {
            seen(user);
          }

          @Override
          public void onUpdate(CognitoUser old, CognitoUser user) {
            seen(user);
          }

          @Override
          public void onDelete(CognitoUser user, boolean unknownFinalState) {
            ready.remove(user.getMetadata().getName());
          }

          private void seen(CognitoUser user) {
            if (isReady(user)) {
              ready.add(user.getMetadata().getName());
            } else {
              ready.remove(user.getMetadata().getName());
            }
            if (ready.size() >= count) {
              all.countDown();
            }
          }
        };
    SharedIndexInformer<CognitoUser> informer =
        client.resources(CognitoUser.class).inNamespace(namespace).inform(handler);
    try {
      if (!all.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "only " + ready.size() + " of " + count + " CognitoUsers became Ready within " + timeout);
      }
    } finally {
      informer.close();
    }
  }

  private static boolean isReady(CognitoUser user) {
    return user.getStatus() != null
        && user.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** One merge patch, as a secrets manager would send it: one request to the API server. */
  private static void setPassword(
      KubernetesClient client, String namespace, String name, String password) {
    client
        .secrets()
        .inNamespace(namespace)
        .withName(name + "-password")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"data\":{\"password\":\"" + base64(password) + "\"}}");
  }

  private static Secret secret(String namespace, String name, String password) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name + "-password")
        .withNamespace(namespace)
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

  private static CognitoUser cognitoUser(String namespace, String name, String username) {
    CognitoUserSpec spec = new CognitoUserSpec();
    spec.setUserPoolId(POOL);
    spec.setUsername(username);
    spec.setPasswordSecretRef(new PasswordSecretRef(name + "-password", null));
    CognitoUser user = new CognitoUser();
    user.getMetadata().setName(name);
    user.getMetadata().setNamespace(namespace);
    user.setSpec(spec);
    return user;
  }

  /** A CognitoUser whose password the operator generates, into a Secret it creates. */
  private static CognitoUser generatedUser(String namespace, String name, String username) {
    CognitoUser user = cognitoUser(namespace, name, username);
    user.getSpec().getPasswordSecretRef().setGenerate(new GeneratedPassword(24));
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
