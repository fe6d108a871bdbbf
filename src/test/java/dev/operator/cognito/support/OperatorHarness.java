package dev.operator.cognito.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operator.cognito.CognitoUserOperator;
import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.Condition;
import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.aws.CognitoClients;
import dev.operator.cognito.config.EnvironmentConfig;
import dev.operator.cognito.config.OperatorConfig;
import dev.operator.cognito.playground.CognitoLocalProcess;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The real operator, started through its composition root, against a Kubernetes API server (a real
 * one with the operator installed, by default; see {@link TestCluster}) and cognito-local behind a
 * counting, fault-injecting proxy. Tests act and observe only from the outside: Kubernetes objects,
 * Cognito sign-ins, proxy call counts, /metrics.
 */
public final class OperatorHarness implements AutoCloseable {

  public static final String OPERATOR_NAMESPACE = "cognito-user-operator";
  private static final AtomicInteger NAMES = new AtomicInteger();

  private final TestCluster cluster;
  private final CognitoProxy proxy;
  private final StsStandIn sts = new StsStandIn();
  private final TestCognito cognito;
  private final Map<String, String> env;
  private Replica operator;

  private OperatorHarness(Map<String, String> env, TestCluster cluster) {
    this.env = env;
    CognitoLocalProcess cognitoLocal = CognitoLocal.shared();
    this.cluster = cluster;
    proxy = new CognitoProxy(cognitoLocal.endpoint());
    cognito = new TestCognito(cognitoLocal.endpoint());
    // a real server has it from the install already
    ensureNamespace(OPERATOR_NAMESPACE);
  }

  private static OperatorHarness on(ApiServerKind kind, Map<String, String> settings) {
    return on(kind, Install.KUSTOMIZE_BASE, settings);
  }

  private static OperatorHarness on(
      ApiServerKind kind, Install install, Map<String, String> settings) {
    return kind == ApiServerKind.REAL
        ? on(install, settings)
        : new OperatorHarness(testSettings(settings), new KubernetesTestCluster());
  }

  /**
   * The API server, cognito-local and the proxy, without the operator, on a real API server with
   * {@code install} applied; {@code settings} over the install's own and the test defaults.
   */
  public static OperatorHarness on(Install install, Map<String, String> settings) {
    Map<String, String> merged = new HashMap<>(install.deploymentSettings());
    merged.putAll(settings);
    return new OperatorHarness(testSettings(merged), RealTestCluster.start(install));
  }

  /**
   * Starts everything on the real API server; {@code settings} are operator environment variables
   * over the defaults.
   */
  public static OperatorHarness start(Map<String, String> settings) {
    return start(ApiServerKind.REAL, settings);
  }

  /** Starts everything on the API server of that kind. */
  public static OperatorHarness start(ApiServerKind kind, Map<String, String> settings) {
    return start(kind, Install.KUSTOMIZE_BASE, settings);
  }

  /** Starts everything on the API server of that kind, a real one with {@code install}. */
  public static OperatorHarness start(
      ApiServerKind kind, Install install, Map<String, String> settings) {
    OperatorHarness harness = on(kind, install, settings);
    try {
      harness.startOperator();
    } catch (RuntimeException | Error e) {
      harness.close();
      throw e;
    }
    return harness;
  }

  /** The real API server, cognito-local and the proxy, for a test that runs the operator itself. */
  public static OperatorHarness withoutOperator() {
    return withoutOperator(ApiServerKind.REAL);
  }

  /** As {@link #withoutOperator()}, on the API server of that kind. */
  public static OperatorHarness withoutOperator(ApiServerKind kind) {
    return on(kind, Map.of());
  }

  /**
   * Operator settings for tests: short retries, no leader election, any free port, and grants
   * optional (most tests are about one team; GrantsRequiredIT asks for {@code required}).
   */
  public static Map<String, String> testSettings(Map<String, String> settings) {
    Map<String, String> env = new HashMap<>();
    env.put(EnvironmentConfig.HTTP_PORT, "0");
    env.put(EnvironmentConfig.OPERATOR_NAMESPACE, OPERATOR_NAMESPACE);
    env.put(EnvironmentConfig.LEADER_ELECTION, "false");
    env.put(EnvironmentConfig.RETRY_INITIAL_INTERVAL, "200ms");
    env.put(EnvironmentConfig.RETRY_MAX_INTERVAL, "1s");
    env.put(EnvironmentConfig.RECHECK_INTERVAL, "2s");
    env.put(EnvironmentConfig.COGNITO_CALL_TIMEOUT, "2s");
    env.put(EnvironmentConfig.USER_POOL_GRANTS, "optional");
    env.putAll(settings);
    return env;
  }

  public void startOperator() {
    operator = startReplica(Map.of());
  }

  /**
   * Another operator process, as a second replica of a Deployment would be: its own client and
   * Cognito clients, the harness's settings with {@code settings} over them.
   */
  public Replica startReplica(Map<String, String> settings) {
    return startReplica(settings, cluster.newOperatorClient());
  }

  /**
   * The operator, talking to the API server through {@code network}: a test can cut it off. The
   * harness stops it as it stops the one it started itself.
   */
  public void startOperatorThrough(TcpProxy network) {
    KubernetesClient direct = cluster.newOperatorClient();
    String scheme = URI.create(direct.getConfiguration().getMasterUrl()).getScheme();
    KubernetesClient client =
        new io.fabric8.kubernetes.client.KubernetesClientBuilder()
            .withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(direct.getConfiguration())
                    .withMasterUrl(scheme + "://127.0.0.1:" + network.port())
                    .build())
            .build();
    direct.close();
    operator = startReplica(Map.of(), client);
  }

  private Replica startReplica(Map<String, String> settings, KubernetesClient client) {
    Map<String, String> merged = new HashMap<>(env);
    merged.putAll(settings);
    OperatorConfig config = EnvironmentConfig.from(merged);
    CognitoClients clients =
        new CognitoClients(
            config.cognitoCallTimeout(),
            Optional.of(proxy.endpoint()),
            Optional.of(StaticCredentialsProvider.create(TestCognito.CREDENTIALS)),
            Optional.of(sts.endpoint()));
    try {
      return new Replica(
          CognitoUserOperator.start(config, client, clients, Clock.systemUTC()), client);
    } catch (IOException e) {
      client.close();
      throw new UncheckedIOException(e);
    }
  }

  public void stopOperator() {
    if (operator != null) {
      operator.close();
      operator = null;
    }
  }

  public void restartOperator() {
    stopOperator();
    startOperator();
  }

  /** The in-memory API server, for fault injection. */
  public KubernetesTestCluster cluster() {
    if (cluster instanceof KubernetesTestCluster memory) {
      return memory;
    }
    throw new IllegalStateException(
        "faults are injected on the in-memory API server only; this test runs on the real one"
            + " (ApiServerKind.MEMORY, with the reason, asks for the other)");
  }

  /** The real API server, for kubectl. */
  public RealTestCluster realCluster() {
    if (cluster instanceof RealTestCluster real) {
      return real;
    }
    throw new IllegalStateException("this test runs on the in-memory API server");
  }

  /** The API server's URL. */
  public String kubernetesUrl() {
    return cluster.client().getConfiguration().getMasterUrl();
  }

  /** A kubeconfig (YAML) that is the operator, for the packaged jar. */
  public String operatorKubeconfig() {
    return cluster.operatorKubeconfig();
  }

  /** The operator's settings: the test defaults with this harness's over them. */
  public Map<String, String> settings() {
    return Map.copyOf(env);
  }

  public KubernetesClient kubernetes() {
    return cluster.client();
  }

  public CognitoProxy proxy() {
    return proxy;
  }

  public TestCognito cognito() {
    return cognito;
  }

  /** STS, for the UserPoolGrants that name a role. */
  public StsStandIn sts() {
    return sts;
  }

  public String newNamespace(String prefix) {
    String name = prefix + "-" + NAMES.incrementAndGet();
    cluster.client().resource(namespace(name)).create();
    return name;
  }

  /** The namespace of that exact name, created unless it exists. */
  public void ensureNamespace(String name) {
    if (cluster.client().namespaces().withName(name).get() == null) {
      cluster.client().resource(namespace(name)).create();
    }
  }

  public static String uniqueName(String prefix) {
    return prefix + "-" + NAMES.incrementAndGet();
  }

  /**
   * A Secret written as users write one, with stringData (on the in-memory server, which ignores
   * stringData, as the API server stores it: base64 under data).
   */
  public Secret putSecret(String namespace, String name, Map<String, String> values) {
    SecretBuilder builder =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .withType("Opaque");
    if (cluster.servesStringData()) {
      builder.withStringData(new LinkedHashMap<>(values));
    } else {
      Map<String, String> data = new LinkedHashMap<>();
      values.forEach(
          (k, v) ->
              data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
      builder.withData(data);
    }
    Secret secret = builder.build();
    return cluster.client().resource(secret).createOr(existing -> existing.update());
  }

  public Secret editSecret(
      String namespace, String name, java.util.function.UnaryOperator<Secret> edit) {
    return cluster.client().secrets().inNamespace(namespace).withName(name).edit(edit);
  }

  /** Sets one key of an existing Secret, as a rotation by hand or by a secrets manager would. */
  public Secret setSecretKey(String namespace, String name, String key, String value) {
    return editSecret(
        namespace,
        name,
        s -> {
          s.getData().put(key, base64(value));
          return s;
        });
  }

  public static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A Cognito user in {@code pool}, a Secret holding a fresh test password, and a CognitoUser named
   * {@code name} in {@code namespace} that points at both; the username and the password.
   */
  public ManagedUser manage(
      String namespace, String name, TestCognito.Pool pool, boolean permanent) {
    String username = uniqueName(name);
    String password = TestPasswords.next();
    cognito.createUser(pool, username);
    putSecret(namespace, name + "-password", Map.of("password", password));
    createUser(namespace, name, pool.id(), username, name + "-password", null, permanent);
    return new ManagedUser(username, password);
  }

  public record ManagedUser(String username, String password) {}

  /**
   * A CognitoUser with every optional field at its default: a permanent password under the Secret's
   * default key.
   */
  public CognitoUser createUser(
      String namespace, String name, String userPoolId, String username, String secretName) {
    return createUser(namespace, name, userPoolId, username, secretName, null, null);
  }

  public CognitoUser createUser(
      String namespace,
      String name,
      String userPoolId,
      String username,
      String secretName,
      String key,
      Boolean permanent) {
    return createUser(
        namespace, name, userPoolId, username, secretName, key, permanent, spec -> {});
  }

  /** As above, with {@code more} filling in the spec's other fields. */
  public CognitoUser createUser(
      String namespace,
      String name,
      String userPoolId,
      String username,
      String secretName,
      String key,
      Boolean permanent,
      java.util.function.Consumer<CognitoUserSpec> more) {
    CognitoUserSpec spec = new CognitoUserSpec();
    spec.setUserPoolId(userPoolId);
    spec.setUsername(username);
    spec.setPasswordSecretRef(new PasswordSecretRef(secretName, key));
    spec.setPermanent(permanent);
    more.accept(spec);
    CognitoUser user = new CognitoUser();
    user.getMetadata().setName(name);
    user.getMetadata().setNamespace(namespace);
    user.setSpec(spec);
    return cluster.client().resource(user).create();
  }

  /**
   * Edits a CognitoUser as a user would with kubectl: read, change, write back with its
   * resourceVersion; if the operator wrote the object in between (409), read it again and retry.
   */
  public CognitoUser editUser(
      String namespace, String name, java.util.function.Consumer<CognitoUser> edit) {
    for (int attempt = 1; ; attempt++) {
      try {
        return cluster
            .client()
            .resources(CognitoUser.class)
            .inNamespace(namespace)
            .withName(name)
            .edit(
                u -> {
                  edit.accept(u);
                  return u;
                });
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 5) {
          throw e;
        }
      }
    }
  }

  /**
   * The user a hostile tenant aimed at is untouched: it still exists in Cognito, its owner's
   * password still signs in, and no AdminDeleteUser was sent for it by its name or by any of {@code
   * otherSpellings} (its sub, say). Soft, so that one failure does not hide the others.
   */
  public void assertUntouched(
      org.assertj.core.api.SoftAssertions soft,
      TestCognito.Pool pool,
      ManagedUser user,
      String... otherSpellings) {
    soft.assertThat(cognito.exists(pool, user.username()))
        .as("%s still exists in Cognito", user.username())
        .isTrue();
    soft.assertThat(cognito.signIn(pool, user.username(), user.password()))
        .as("%s signs in with its owner's password", user.username())
        .isEqualTo(TestCognito.SignIn.ACCEPTED);
    int deletes = proxy.calls("AdminDeleteUser", pool.id(), user.username());
    for (String spelling : otherSpellings) {
      deletes += proxy.calls("AdminDeleteUser", pool.id(), spelling);
    }
    soft.assertThat(deletes)
        .as("AdminDeleteUser calls for %s, by any spelling", user.username())
        .isZero();
  }

  /** Adds annotations to a CognitoUser, as kubectl annotate would. */
  public CognitoUser annotate(String namespace, String name, Map<String, String> annotations) {
    return editUser(
        namespace,
        name,
        u -> {
          Map<String, String> all =
              u.getMetadata().getAnnotations() == null
                  ? new HashMap<>()
                  : new HashMap<>(u.getMetadata().getAnnotations());
          all.putAll(annotations);
          u.getMetadata().setAnnotations(all);
        });
  }

  public CognitoUser user(String namespace, String name) {
    return cluster
        .client()
        .resources(CognitoUser.class)
        .inNamespace(namespace)
        .withName(name)
        .get();
  }

  public Optional<Condition> ready(String namespace, String name) {
    CognitoUser user = user(namespace, name);
    return user == null || user.getStatus() == null
        ? Optional.empty()
        : user.getStatus().condition("Ready");
  }

  /** Waits until Ready carries the reason, and returns the CognitoUser as it is then. */
  public CognitoUser awaitReason(String namespace, String name, String reason) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ready(namespace, name).map(Condition::getReason))
                    .as(
                        "Ready reason of %s/%s (message: %s)",
                        namespace,
                        name,
                        ready(namespace, name).map(Condition::getMessage).orElse("none"))
                    .contains(reason));
    return user(namespace, name);
  }

  /**
   * Waits until the operator has handled the CognitoUser's current generation (status and its Ready
   * condition both say so), whatever the outcome, and returns it as it is then.
   */
  public CognitoUser awaitSettled(String namespace, String name) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              CognitoUser user = user(namespace, name);
              if (user == null || user.getStatus() == null) {
                return false;
              }
              Long generation = user.getMetadata().getGeneration();
              return generation.equals(user.getStatus().getObservedGeneration())
                  && user.getStatus()
                      .condition("Ready")
                      .map(
                          c ->
                              c.getObservedGeneration() == null
                                  || generation.equals(c.getObservedGeneration()))
                      .orElse(false);
            });
    return user(namespace, name);
  }

  /**
   * Waits up to {@code within} for Ready to carry {@code reason} and returns the reason it carries
   * then, whatever it is (empty without one): for a test that reports a wrong outcome as an
   * assertion instead of as a time-out.
   */
  public Optional<String> reasonWithin(
      String namespace, String name, String reason, Duration within) {
    try {
      await()
          .atMost(within)
          .until(
              () ->
                  ready(namespace, name)
                      .map(Condition::getReason)
                      .filter(reason::equals)
                      .isPresent());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // reported by the caller's assertion on what is returned
    }
    return ready(namespace, name).map(Condition::getReason);
  }

  /**
   * Asks for a pass that reads the user afresh (annotation
   * cognito.operator.dev/reconcile-requested-at with a new value); returns the value.
   */
  public String requestPass(String namespace, String name) {
    String value = java.time.Instant.now().toString() + "-" + NAMES.incrementAndGet();
    annotate(namespace, name, Map.of("cognito.operator.dev/reconcile-requested-at", value));
    return value;
  }

  public List<Event> events(String namespace, String name) {
    return cluster.client().v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .collect(Collectors.toList());
  }

  public String scrapeMetrics() {
    return operator == null ? "" : operator.metrics();
  }

  /** GET on the operator's HTTP port; the body. */
  public static String get(int port, String path) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public int httpPort() {
    return operator.httpPort();
  }

  /** The running operator (started with the harness). */
  public CognitoUserOperator operator() {
    return operator.operator();
  }

  /** One running operator and the client it was given. */
  public record Replica(CognitoUserOperator operator, KubernetesClient client)
      implements AutoCloseable {

    public int httpPort() {
      return operator.httpPort();
    }

    public String metrics() {
      return get(httpPort(), "/metrics");
    }

    /** Stops it; a second call does nothing. */
    @Override
    public void close() {
      if (!client.getHttpClient().isClosed()) {
        operator.close();
        client.close();
      }
    }
  }

  /**
   * No test password in any captured log line, Event, CognitoUser (spec and status) or metric.
   * Failures name the password by number only.
   */
  public void assertNoPasswordLeaked() {
    assertThat(TestPasswords.issued()).as("passwords issued by the tests").isNotEmpty();
    List<String> lines = CapturedLogs.lines();
    assertThat(lines).as("captured log lines").isNotEmpty();
    for (String line : lines) {
      int leak = TestPasswords.firstLeakIn(line);
      assertThat(leak).as("test password #%d appeared in a log line", leak).isZero();
    }
    var serialization = cluster.client().getKubernetesSerialization();
    String events = serialization.asJson(cluster.client().v1().events().inAnyNamespace().list());
    assertThat(TestPasswords.firstLeakIn(events))
        .as("a test password appeared in an Event")
        .isZero();
    String users =
        serialization.asJson(cluster.client().resources(CognitoUser.class).inAnyNamespace().list());
    assertThat(TestPasswords.firstLeakIn(users))
        .as("a test password appeared in a CognitoUser")
        .isZero();
    assertThat(TestPasswords.firstLeakIn(scrapeMetrics()))
        .as("a test password appeared in /metrics")
        .isZero();
    // nor the fingerprint key, in any form
    var key =
        cluster
            .client()
            .secrets()
            .inNamespace(OPERATOR_NAMESPACE)
            .withName("cognito-user-operator-fingerprint-key")
            .get();
    if (key != null && key.getData() != null && key.getData().get("hmac-key") != null) {
      String base64 = key.getData().get("hmac-key");
      String hex = java.util.HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(base64));
      String everything = String.join("\n", lines) + events + users + scrapeMetrics();
      assertThat(everything.contains(base64) || everything.contains(hex))
          .as("the fingerprint key appeared in a log line, Event, CognitoUser or metric")
          .isFalse();
    }
  }

  /** Ends a test class: checks that no password leaked anywhere, then stops everything. */
  public static void checkForLeaksAndClose(OperatorHarness harness) {
    if (harness == null) {
      return;
    }
    try {
      harness.assertNoPasswordLeaked();
    } finally {
      harness.close();
    }
  }

  private static io.fabric8.kubernetes.api.model.Namespace namespace(String name) {
    return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
  }

  @Override
  public void close() {
    stopOperator();
    proxy.close();
    sts.close();
    cognito.close();
    try {
      // whatever the test did, the shipped RBAC must have allowed the operator to do it
      cluster.assertOperatorKeptToItsRbac(
          OPERATOR_NAMESPACE,
          env.getOrDefault(
              EnvironmentConfig.FINGERPRINT_KEY_SECRET, "cognito-user-operator-fingerprint-key"));
    } finally {
      cluster.close();
    }
  }
}
