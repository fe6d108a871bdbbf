package dev.operator.cognito.support;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code kube-apiserver} with its {@code etcd}, started through Fabric8's kube-api-test from
 * the binaries that {@code scripts/kube-binaries} builds (never downloaded: offline mode), with a
 * {@link KubernetesClient} and a kubeconfig file for it. The client authenticates with a
 * certificate of {@code system:masters}; the server authorizes with RBAC.
 *
 * <p>Where the binaries are: {@code -Dkube.binaries.dir} (Failsafe gets it from pom.xml), else
 * {@code KUBE_BINARIES_DIR}, else {@code ~/.cache/cognito-user-operator/kube}; which version:
 * {@code -Dkube.version}, else {@code scripts/kube-binaries.properties}. When they are missing (a
 * test run from an IDE before any {@code mvn verify}), the script is run to build them; where there
 * is no {@code go} to build them with, the calling test is aborted (skipped), saying why.
 *
 * <p>kube-api-test keeps its certificates in its test directory; that directory is {@code
 * target/kube-api-test} (fresh after {@code mvn clean}), whose {@code k8s} is a link to the
 * binaries' cache, so the cache holds nothing but binaries.
 */
public final class RealApiServer implements AutoCloseable {

  private static final String PLATFORM = "-linux-amd64";
  private static final int STARTUP_TIMEOUT_MILLIS = 120_000;

  private final KubeAPIServer server;
  private final Path kubeconfig;
  private final Path kubectl;
  private final KubernetesClient client;
  private final Thread stopOnExit;
  private volatile boolean stopsOnExit = true;

  private RealApiServer(KubeAPIServer server, Path kubeconfig, Path kubectl) {
    this.server = server;
    this.kubeconfig = kubeconfig;
    this.kubectl = kubectl;
    this.client =
        new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(read(kubeconfig))).build();
    this.stopOnExit = new Thread(server::stop, "stop-kube-apiserver");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /**
   * Starts etcd and kube-apiserver and waits until the API server is ready and its {@code default}
   * namespace exists (a few seconds).
   */
  public static RealApiServer start() {
    return start(dir -> List.of());
  }

  /**
   * As {@link #start()}, with more kube-apiserver flags ({@code --name=value}), which {@code flags}
   * may place files for in the test directory it is given.
   */
  public static RealApiServer start(java.util.function.Function<Path, List<String>> flags) {
    Binaries binaries = Binaries.locate();
    Path testDir = testDir(binaries);
    long started = System.nanoTime();
    KubeAPIServer server = startedServer(binaries, testDir, flags.apply(testDir));
    try {
      Path kubeconfig = Files.createTempFile(testDir, "kubeconfig-", ".yaml");
      Files.writeString(kubeconfig, server.getKubeConfigYaml());
      System.err.printf(
          "kube-apiserver %s ready in %d ms (kubeconfig %s)%n",
          binaries.version(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
          kubeconfig);
      return new RealApiServer(server, kubeconfig, binaries.dir().resolve("kubectl"));
    } catch (IOException | RuntimeException e) {
      server.stop();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /**
   * The directory that lacks kube-apiserver, etcd or kubectl; empty when {@link #start()} would
   * find them. For a caller that must not build them unasked, as {@link #start()} does (for
   * minutes) where Go is installed, nor be skipped like a test where it is not: the benchmark.
   */
  public static Optional<Path> missingBinaries() {
    Binaries binaries = new Binaries(Binaries.cacheDir(), Binaries.pinnedVersion());
    return binaries.present() ? Optional.empty() : Optional.of(binaries.dir());
  }

  /**
   * kube-api-test's readiness poll compares wall-clock times of day ({@code LocalTime}): started
   * less than its timeout before midnight, it gives up at once ("Kube API Server did not start
   * properly" 0.3 s after the start, seen at 23:59:37). Such a start is tried again once midnight
   * has passed; any other failure is tried again at once, three times in all.
   */
  private static KubeAPIServer startedServer(Binaries binaries, Path testDir, List<String> flags) {
    for (int attempt = 1; ; attempt++) {
      KubeAPIServer server =
          new KubeAPIServer(
              KubeAPIServerConfigBuilder.anAPIServerConfig()
                  .withTestDir(testDir.toString())
                  .withApiServerVersion(binaries.version())
                  .withOfflineMode(true)
                  .withUpdateKubeConfig(false)
                  .withStartupTimeout(STARTUP_TIMEOUT_MILLIS)
                  // etcd listening before the API server's port is picked: the picker then cannot
                  // hand out etcd's port again (seen once: both got 64087, and etcd died)
                  .withWaitForEtcdHealthCheckOnStartup(true)
                  // its default is every interface; the tests and the playground need loopback only
                  .withApiServerFlags(withLoopbackOnly(flags))
                  .build());
      try {
        server.start();
        return server;
      } catch (RuntimeException e) {
        try {
          server.stop();
        } catch (RuntimeException alreadyStopped) {
          // etcd that died at once leaves no data directory to clean, and stop() says so
          e.addSuppressed(alreadyStopped);
        }
        if (attempt == 3) {
          throw e;
        }
        System.err.printf("kube-apiserver did not start (%s); starting it again%n", e.getMessage());
        waitPastMidnightIfNear();
      }
    }
  }

  private static List<String> withLoopbackOnly(List<String> flags) {
    List<String> all = new ArrayList<>(flags);
    all.add("--bind-address=127.0.0.1");
    return all;
  }

  private static void waitPastMidnightIfNear() {
    java.time.LocalTime now = java.time.LocalTime.now();
    long untilMidnight = java.time.Duration.between(now, java.time.LocalTime.MAX).toMillis() + 1;
    if (untilMidnight <= STARTUP_TIMEOUT_MILLIS) {
      try {
        Thread.sleep(untilMidnight + 1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * For a caller that stops this server from a shutdown hook of its own, once what uses the server
   * has stopped (the playground stops the operator first). Without this, the server's own hook
   * stops it at the same time, as the JVM runs all hooks at once.
   */
  public void leaveStopOnExitToCaller() {
    if (stopsOnExit) {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
      stopsOnExit = false;
    }
  }

  /** A client with the rights of {@code system:masters}. */
  public KubernetesClient client() {
    return client;
  }

  /** A kubeconfig file for this server (its current context), for kubectl or an operator. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  /** The kubectl of the same release as the server. */
  public Path kubectl() {
    return kubectl;
  }

  /** Runs this release's kubectl against this server; never throws for a non-zero exit. */
  public Kubectl kubectl(String... args) {
    List<String> command = new ArrayList<>();
    command.add(kubectl.toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output;
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl did not finish: " + command);
      }
      return new Kubectl(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What a kubectl run printed (standard output and error together) and how it ended. */
  public record Kubectl(int exitCode, String output) {}

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      if (stopsOnExit) {
        try {
          Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
          return; // the hook stops the server
        }
      }
      server.stop();
      try {
        Files.deleteIfExists(kubeconfig);
      } catch (IOException ignored) {
        // under target/; mvn clean removes it
      }
    }
  }

  /**
   * kube-api-test's directory: certificates here, and {@code k8s/<release>/} with links to the
   * cache's kube-apiserver and kubectl and, in place of etcd, a wrapper that starts the cache's
   * etcd on loopback only.
   */
  private static Path testDir(Binaries binaries) {
    try {
      Path dir = Path.of("target", "kube-api-test").toAbsolutePath();
      Path k8s = dir.resolve("k8s");
      if (Files.isSymbolicLink(k8s)) {
        Files.delete(k8s); // an earlier layout linked the whole cache here
      }
      Path release = k8s.resolve(binaries.dir().getFileName());
      Files.createDirectories(release);
      for (String name : List.of("kube-apiserver", "kubectl")) {
        link(release.resolve(name), binaries.dir().resolve(name));
      }
      Path etcd = release.resolve("etcd");
      String wrapper = loopbackEtcd(binaries.dir().resolve("etcd"));
      if (!Files.exists(etcd, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          || Files.isSymbolicLink(etcd)
          || !Files.readString(etcd).equals(wrapper)) {
        Path staged = Files.createTempFile(release, "etcd-", ".tmp");
        Files.writeString(staged, wrapper);
        staged.toFile().setExecutable(true);
        Files.move(staged, etcd, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * kube-api-test starts etcd with {@code --listen-client-urls http://0.0.0.0:PORT}: every
   * interface, and etcd asks no one for credentials, so anyone on the network could read the
   * Secrets in it. The wrapper hands etcd the same arguments with 127.0.0.1 instead (kube-apiserver
   * reaches it there all the same).
   */
  private static String loopbackEtcd(Path etcd) {
    return String.join(
        "\n",
        "#!/usr/bin/env bash",
        "# written by RealApiServer: etcd on loopback only (kube-api-test asks for 0.0.0.0)",
        "exec '" + etcd + "' \"${@//0.0.0.0/127.0.0.1}\"",
        "");
  }

  private static void link(Path link, Path target) throws IOException {
    if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
      return;
    }
    Files.deleteIfExists(link); // KUBE_BINARIES_DIR moved since the last run
    try {
      Files.createSymbolicLink(link, target);
    } catch (FileAlreadyExistsException anotherForkWasFaster) {
      // same target
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cache of binaries, one release's directory in it, and that release's version. */
  public record Binaries(Path cache, String version) {

    /** The pinned release in the configured cache, whether built or not; builds nothing. */
    public static Binaries pinned() {
      return new Binaries(cacheDir(), pinnedVersion());
    }

    public Path dir() {
      return cache.resolve("k8s").resolve(version + PLATFORM);
    }

    /** Whether {@link #start()} starts at once rather than building them first (minutes). */
    public boolean present() {
      return List.of("kube-apiserver", "etcd", "kubectl").stream()
          .allMatch(name -> Files.isExecutable(dir().resolve(name)));
    }

    /** Whether {@link #start()} can build them when missing: the script and a {@code go}. */
    public static boolean buildable() {
      return onPath("go") && Files.isExecutable(script());
    }

    private static Path script() {
      return Path.of("scripts", "kube-binaries").toAbsolutePath();
    }

    static Binaries locate() {
      Binaries binaries = pinned();
      if (binaries.present()) {
        return binaries;
      }
      Path script = script();
      if (!buildable()) {
        String reason =
            "SKIPPED: this test needs a real kube-apiserver, and there is none in "
                + binaries.dir()
                + " and no `go` to build one with (scripts/kube-binaries)";
        System.err.println(reason); // an aborted @BeforeAll shows nothing on the console
        Assumptions.abort(reason);
      }
      build(script, binaries.cache());
      if (!binaries.present()) {
        throw new IllegalStateException(
            script
                + " ran, but "
                + binaries.dir()
                + " still lacks kube-apiserver, etcd or kubectl");
      }
      return binaries;
    }

    private static Path cacheDir() {
      String configured = System.getProperty("kube.binaries.dir");
      if (configured == null || configured.isBlank()) {
        configured = System.getenv("KUBE_BINARIES_DIR");
      }
      if (configured == null || configured.isBlank()) {
        return Path.of(System.getProperty("user.home"), ".cache", "cognito-user-operator", "kube");
      }
      return Path.of(configured).toAbsolutePath();
    }

    private static String pinnedVersion() {
      String configured = System.getProperty("kube.version");
      if (configured != null && !configured.isBlank()) {
        return configured;
      }
      Properties pins = new Properties();
      try (InputStream in = Files.newInputStream(Path.of("scripts", "kube-binaries.properties"))) {
        pins.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return pins.getProperty("kube.version").trim();
    }

    private static void build(Path script, Path cache) {
      try {
        ProcessBuilder builder = new ProcessBuilder(script.toString()).inheritIO();
        builder.environment().put("KUBE_BINARIES_DIR", cache.toString());
        int exit = builder.start().waitFor();
        if (exit != 0) {
          throw new IllegalStateException(script + " failed with exit code " + exit);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private static boolean onPath(String command) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
          return true;
        }
      }
      return false;
    }
  }
}
