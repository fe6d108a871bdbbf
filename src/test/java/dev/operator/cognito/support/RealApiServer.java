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
                  .withApiServerFlags(flags)
                  .build());
      try {
        server.start();
        return server;
      } catch (RuntimeException e) {
        server.stop();
        if (attempt == 3) {
          throw e;
        }
        System.err.printf("kube-apiserver did not start (%s); starting it again%n", e.getMessage());
        waitPastMidnightIfNear();
      }
    }
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
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException shuttingDown) {
        return; // the hook stops the server
      }
      server.stop();
      try {
        Files.deleteIfExists(kubeconfig);
      } catch (IOException ignored) {
        // under target/; mvn clean removes it
      }
    }
  }

  /** kube-api-test's directory: certificates here, and k8s/ a link to the binaries' cache. */
  private static Path testDir(Binaries binaries) {
    try {
      Path dir = Path.of("target", "kube-api-test").toAbsolutePath();
      Files.createDirectories(dir);
      Path link = dir.resolve("k8s");
      Path target = binaries.cache().resolve("k8s");
      if (Files.isSymbolicLink(link) && !Files.readSymbolicLink(link).equals(target)) {
        Files.delete(link); // KUBE_BINARIES_DIR moved since the last run
      }
      if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createSymbolicLink(link, target);
        } catch (FileAlreadyExistsException anotherForkWasFaster) {
          // same target
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
  record Binaries(Path cache, String version) {

    Path dir() {
      return cache.resolve("k8s").resolve(version + PLATFORM);
    }

    boolean present() {
      return List.of("kube-apiserver", "etcd", "kubectl").stream()
          .allMatch(name -> Files.isExecutable(dir().resolve(name)));
    }

    static Binaries locate() {
      Binaries binaries = new Binaries(cacheDir(), pinnedVersion());
      if (binaries.present()) {
        return binaries;
      }
      Path script = Path.of("scripts", "kube-binaries").toAbsolutePath();
      if (!onPath("go") || !Files.isExecutable(script)) {
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
