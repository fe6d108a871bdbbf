package dev.operator.cognito;

import dev.operator.cognito.aws.CognitoClients;
import dev.operator.cognito.aws.RateLimitedCalls;
import dev.operator.cognito.aws.RegionPolicy;
import dev.operator.cognito.aws.SdkCognitoGateway;
import dev.operator.cognito.aws.ratelimit.TurnWaker;
import dev.operator.cognito.cli.KubectlCognito;
import dev.operator.cognito.config.EnvironmentConfig;
import dev.operator.cognito.config.OperatorConfig;
import dev.operator.cognito.controller.CognitoUserController;
import dev.operator.cognito.controller.EventSources;
import dev.operator.cognito.controller.GeneratedSecretWriter;
import dev.operator.cognito.controller.OperatorHealth;
import dev.operator.cognito.controller.ReferencedSecret;
import dev.operator.cognito.controller.TurnEvents;
import dev.operator.cognito.controller.UnreadableKeepingCloner;
import dev.operator.cognito.controller.UserEventRecorder;
import dev.operator.cognito.controller.cache.ClaimsInCache;
import dev.operator.cognito.controller.cache.GrantsInCache;
import dev.operator.cognito.controller.cache.SecretChanges;
import dev.operator.cognito.controller.cache.SecretsWithoutData;
import dev.operator.cognito.fingerprint.FingerprintKeyStore;
import dev.operator.cognito.fingerprint.PasswordFingerprinter;
import dev.operator.cognito.grants.PoolGrants;
import dev.operator.cognito.observability.HealthAndMetricsServer;
import dev.operator.cognito.observability.UserMetrics;
import dev.operator.cognito.startup.ClusterConnection;
import dev.operator.cognito.startup.ClusterPreflight;
import dev.operator.cognito.startup.StartupFailures;
import dev.operator.cognito.sync.SyncWiring;
import dev.operator.cognito.sync.check.TargetCheck;
import dev.operator.cognito.sync.claim.ClaimSeal;
import dev.operator.cognito.sync.credential.GeneratedPasswords;
import dev.operator.cognito.sync.credential.SelectorLabels;
import dev.operator.cognito.sync.memory.RetryBackoff;
import dev.operator.cognito.sync.memory.UserStatusReads;
import dev.operator.cognito.sync.status.StatusConditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: reads the configuration, wires every part by hand, and runs. */
public final class CognitoUserOperator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CognitoUserOperator.class);

  private final Operator operator;
  private final HealthAndMetricsServer http;
  private final CognitoClients cognitoClients;
  private final AtomicBoolean closing;
  private final OperatorHealth health;

  private CognitoUserOperator(
      Operator operator,
      HealthAndMetricsServer http,
      CognitoClients cognitoClients,
      AtomicBoolean closing,
      OperatorHealth health) {
    this.operator = operator;
    this.http = http;
    this.cognitoClients = cognitoClients;
    this.closing = closing;
    this.health = health;
  }

  public static void main(String[] args) {
    if (KubectlCognito.isCommand(args)) {
      // kubectl cognito ...: the plugin's launcher runs this jar with the command's arguments
      System.exit(KubectlCognito.run(args, System.out, System.err));
    }
    Optional<ClusterConnection> connection = Optional.empty();
    try {
      OperatorConfig config = EnvironmentConfig.fromSystemEnvironment();
      KubernetesClient client = new KubernetesClientBuilder().build();
      connection = Optional.of(ClusterConnection.of(client.getConfiguration()));
      CognitoUserOperator running =
          start(
              config,
              client,
              CognitoClients.standard(config.cognitoCallTimeout()),
              Clock.systemUTC(),
              () -> System.exit(1));
      Runtime.getRuntime().addShutdownHook(new Thread(running::close, "shutdown"));
    } catch (IOException | RuntimeException e) {
      // one line a person can act on; the whole chain only for those who asked for it
      log.error("cognito-user-operator cannot start: {}", StartupFailures.explain(e, connection));
      log.debug("what stopped the start", e);
      // threads of a half-started operator must not keep a process alive that does nothing
      System.exit(1);
    }
  }

  /** Starts the operator; closing the result stops it, but leaves {@code client} open. */
  public static CognitoUserOperator start(
      OperatorConfig config, KubernetesClient client, CognitoClients cognitoClients, Clock clock)
      throws IOException {
    // in a test, the harness watches the probes; only the process exits
    return start(config, client, cognitoClients, clock, () -> {});
  }

  /** As above; {@code onUnexpectedStop} runs if the framework stops without being asked to. */
  public static CognitoUserOperator start(
      OperatorConfig config,
      KubernetesClient client,
      CognitoClients cognitoClients,
      Clock clock,
      Runnable onUnexpectedStop)
      throws IOException {
    String operatorNamespace =
        config
            .operatorNamespace()
            .or(() -> Optional.ofNullable(client.getNamespace()))
            .orElse("default");
    String instance = config.podName().orElseGet(CognitoUserOperator::hostName);
    boolean leaderElection = config.leaderElection().orElseGet(CognitoUserOperator::inCluster);
    AtomicBoolean closing = new AtomicBoolean();
    new ClusterPreflight(client.getConfiguration())
        .verify(
            config.watchNamespaces(),
            operatorNamespace,
            config.fingerprintKeySecret(),
            leaderElection,
            config.generatedPasswords());
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
    new UptimeMetrics().bindTo(meters);

    var keyStore =
        new FingerprintKeyStore(
            client, operatorNamespace, config.fingerprintKeySecret(), new SecureRandom());
    var fingerprinter = new PasswordFingerprinter(keyStore.loadOrCreate());
    Runnable keyAgreement =
        () -> {
          try {
            keyStore.keepInAgreement(fingerprinter);
          } catch (RuntimeException e) {
            log.warn("could not check the fingerprint key Secret: {}", e.getMessage());
          }
        };
    var turns = new TurnEvents();
    var gateway =
        new SdkCognitoGateway(
            new RateLimitedCalls(
                cognitoClients, config.cognitoRates(), meters, new TurnWaker(turns)));
    var grants = new GrantsInCache(new PoolGrants(config.grantMode()));
    var claims = new ClaimsInCache(new ClaimSeal(fingerprinter), grants);
    var userSync =
        SyncWiring.userSync(
            gateway,
            fingerprinter,
            new TargetCheck(RegionPolicy.of(config.allowedRegions()), grants),
            claims,
            new StatusConditions(clock),
            new UserStatusReads(config.statusRefreshInterval(), clock),
            new RetryBackoff(
                config.retryInitialInterval(),
                config.retryMaxInterval(),
                ThreadLocalRandom.current()::nextDouble),
            config.recheckInterval(),
            new GeneratedPasswords(
                config.generatedPasswords(),
                SelectorLabels.of(config.secretLabelSelector()),
                new GeneratedSecretWriter(client)),
            clock);
    var metrics = new UserMetrics(meters);
    var secretChanges = new SecretChanges(clock);
    var reconciler =
        new CognitoUserController(
            userSync,
            new UserEventRecorder(client, clock, instance),
            metrics,
            secretChanges,
            new EventSources(
                new SecretsWithoutData(),
                secretChanges,
                grants,
                claims,
                turns,
                metrics,
                config.secretLabelSelector()),
            new ReferencedSecret(client, config.secretLabelSelector()));

    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  // status is written with JSON patches: works on every API server, and on the
                  // in-memory one used in tests, which lacks server-side apply
                  .withUseSSAToPatchPrimaryResource(false)
                  .withConcurrentReconciliationThreads(config.reconcileThreads())
                  .withResourceCloner(new UnreadableKeepingCloner(client))
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(meters));
              if (leaderElection) {
                o.withLeaderElectionConfiguration(
                    LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                            config.leaseName())
                        .withLeaseNamespace(operatorNamespace)
                        .withIdentity(instance)
                        // JOSDK would exit on a deliberate stop too; only a lost Lease should
                        .withExitOnStopLeading(false)
                        .withLeaderCallbacks(leaderCallbacks(instance, closing, keyAgreement))
                        .build());
              }
            });
    operator.register(
        reconciler,
        o -> {
          if (config.watchesAllNamespaces()) {
            o.watchingAllNamespaces();
          } else {
            o.settingNamespaces(config.watchNamespaces());
          }
        });
    OperatorHealth health = new OperatorHealth(operator, closing);
    health.every(KEY_CHECK_INTERVAL, keyAgreement);
    HealthAndMetricsServer http = HealthAndMetricsServer.start(config.httpPort(), meters, health);
    operator.start();
    health.watch(onUnexpectedStop);
    log.info(
        "cognito-user-operator started: watching {}, leader election {}, metrics and health on"
            + " port {}",
        config.watchesAllNamespaces() ? "all namespaces" : config.watchNamespaces(),
        leaderElection ? "on" : "off",
        http.port());
    return new CognitoUserOperator(operator, http, cognitoClients, closing, health);
  }

  /** How often every replica checks that it holds the key the Secret holds. */
  private static final java.time.Duration KEY_CHECK_INTERVAL = java.time.Duration.ofSeconds(30);

  public int httpPort() {
    return http.port();
  }

  /** The running framework, for diagnostics: what its controllers and caches hold. */
  public Operator framework() {
    return operator;
  }

  /**
   * A replica that loses the Lease without being stopped exits, so that Kubernetes restarts it as a
   * follower: it must not go on writing to Cognito beside the new leader.
   */
  private static LeaderCallbacks leaderCallbacks(
      String instance, AtomicBoolean closing, Runnable keyAgreement) {
    return new LeaderCallbacks(
        () -> {
          log.info("{} leads: it reconciles CognitoUsers", instance);
          // a new leader writes with the key the Secret holds now, not the one it started with
          keyAgreement.run();
        },
        () -> {
          if (!closing.get()) {
            log.error(
                "{} lost the leader Lease; exiting so that it restarts as a follower", instance);
            System.exit(1);
          }
        },
        leader -> log.info("the leader is {}", leader));
  }

  @Override
  public void close() {
    closing.set(true);
    health.close();
    operator.stop();
    http.close();
    cognitoClients.close();
  }

  private static boolean inCluster() {
    return System.getenv("KUBERNETES_SERVICE_HOST") != null;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "cognito-user-operator";
    }
  }
}
