package dev.operator.cognito.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code ./playground} run as a person runs it, in a directory and on ports of its own, with the
 * build the test suite has just made (PLAYGROUND_SKIP_BUILD): its output, the processes it says it
 * started, and the commands a person would type beside it.
 */
public final class PlaygroundRun implements AutoCloseable {

  private static final Pattern PID = Pattern.compile("\\bpid (\\d+)");

  private final Path dir;
  private final Path output;
  private final Process process;

  private PlaygroundRun(Path dir, Path output, Process process) {
    this.dir = dir;
    this.output = output;
    this.process = process;
  }

  public static PlaygroundRun start(String... args) {
    try {
      Path dir = Files.createTempDirectory("playground-");
      Path output = dir.resolve("playground.out");
      List<String> command = new ArrayList<>(List.of("./playground"));
      command.addAll(List.of(args));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().putAll(environment(dir));
      return new PlaygroundRun(dir, output, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What {@code ./playground} needs to find this run: its directory, no rebuild, and the real API
   * server's binaries where the tests find them.
   */
  public static Map<String, String> environment(Path dir) {
    Map<String, String> env = new HashMap<>();
    env.put("PLAYGROUND_SKIP_BUILD", "1");
    env.put("PLAYGROUND_DIR", dir.toString());
    env.put("PLAYGROUND_API_PORT", "0");
    env.put("PLAYGROUND_COGNITO_PORT", "0");
    env.put("KUBE_BINARIES_DIR", RealApiServer.Binaries.pinned().cache().toString());
    return env;
  }

  /**
   * Skips the calling test, saying why, where {@code ./playground} would not choose the real API
   * server by default: its binaries are not built (no Go here, so Maven could not build them).
   */
  public static void assumeRealApiServerIsTheDefault() {
    RealApiServer.Binaries binaries = RealApiServer.Binaries.pinned();
    Assumptions.assumeTrue(
        binaries.present(),
        "SKIPPED: ./playground uses the in-memory API server here: no kube-apiserver in "
            + binaries.dir()
            + " (scripts/kube-binaries builds it where Go is installed)");
  }

  public Path dir() {
    return dir;
  }

  public Path kubeconfig() {
    return dir.resolve("kubeconfig");
  }

  public String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String operatorLog() {
    try {
      return Files.readString(dir.resolve("operator.log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void awaitOutput(String text, Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .failFast("the playground exited:\n" + tail(), () -> !process.isAlive())
        .until(() -> output().contains(text));
  }

  /** Waits for the playground to end on its own; its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("the playground did not end within " + timeout + ":\n" + tail());
    }
    return process.exitValue();
  }

  /** Stops it as a service manager would (SIGTERM); its exit code. */
  public int stop() throws InterruptedException {
    process.destroy();
    return awaitExit(Duration.ofSeconds(30));
  }

  /**
   * The processes the playground said it started: the operator and cognito-local, and on a real API
   * server kube-apiserver and etcd.
   */
  public List<Long> announcedPids() {
    List<Long> pids = new ArrayList<>();
    Matcher m = PID.matcher(output());
    while (m.find()) {
      pids.add(Long.parseLong(m.group(1)));
    }
    return pids;
  }

  /** Runs another command beside the playground, e.g. kubectl or ./playground sign-in. */
  public Result run(Map<String, String> env, String... command) {
    try {
      Path out = Files.createTempFile(dir, "command-", ".out");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
      builder.environment().putAll(env);
      builder.environment().putAll(environment(dir));
      builder.environment().put("KUBECONFIG", kubeconfig().toString());
      Process p = builder.start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not end within 60s");
      }
      return new Result(p.exitValue(), Files.readString(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Result run(String... command) {
    return run(Map.of(), command);
  }

  private String tail() {
    String all = output();
    return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
  }

  /**
   * Stops it as Ctrl-C would when a test ended early, so that it stops what it started (a forced
   * stop would leave kube-apiserver, etcd, cognito-local and the operator running); forced only if
   * it does not end.
   */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  public record Result(int exitCode, String output) {}
}
