package dev.operator.cognito.playground;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * cognito-local (installed by {@code npm ci} from the project's package.json) in a fresh directory
 * of its own, serving the given pools. cognito-local names the pools it creates itself {@code
 * local_...}; a pool file it finds at start keeps the id it was given, so the example's pool id,
 * region prefix included, works as it is. The integration tests start theirs with this too.
 */
public final class CognitoLocalProcess implements AutoCloseable {

  private final Process process;
  private final URI endpoint;

  private CognitoLocalProcess(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** Starts in {@code dir} (emptied first) on {@code port}, with the given empty pools. */
  public static CognitoLocalProcess start(
      Path projectDir, Path dir, int port, List<String> poolIds) {
    return start(projectDir, dir, port, poolIds, java.util.Map.of());
  }

  /**
   * As {@link #start(Path, Path, int, List)}, and {@code usersByPool} (pool id to the JSON of
   * cognito-local's {@code Users} object) puts users in some pools that no API could make, such as
   * a federated one.
   */
  public static CognitoLocalProcess start(
      Path projectDir,
      Path dir,
      int port,
      List<String> poolIds,
      java.util.Map<String, String> usersByPool) {
    Path script = projectDir.resolve("node_modules/cognito-local/lib/bin/start.js");
    if (!Files.exists(script)) {
      throw new PlaygroundException(
          "cognito-local is not installed (no " + script + "): run npm ci in " + projectDir);
    }
    try {
      deleteRecursively(dir);
      Path db = Files.createDirectories(dir.resolve(".cognito/db"));
      // without UsernameAttributes: [] cognito-local accepts only e-mail addresses as usernames
      Files.writeString(
          dir.resolve(".cognito/config.json"),
          "{\"UserPoolDefaults\":{\"UsernameAttributes\":[]}}");
      for (String poolId : poolIds) {
        Files.writeString(
            db.resolve(poolId + ".json"),
            "{\"Users\":"
                + usersByPool.getOrDefault(poolId, "{}")
                + ",\"Options\":{\"Id\":\""
                + poolId
                + "\",\"Name\":\"playground\",\"UsernameAttributes\":[]}}");
      }
      Path log = dir.resolve("cognito-local.log");
      ProcessBuilder builder =
          new ProcessBuilder("node", script.toString())
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().put("PORT", Integer.toString(port));
      builder.environment().put("HOST", "127.0.0.1");
      Process process = builder.start();
      CognitoLocalProcess cognito =
          new CognitoLocalProcess(process, URI.create("http://127.0.0.1:" + port));
      cognito.awaitListening(port, log);
      return cognito;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start cognito-local in " + dir, e);
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  long pid() {
    return process.pid();
  }

  private void awaitListening(int port, Path log) throws IOException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new PlaygroundException(
            "cognito-local exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        pause();
      }
    }
    close();
    throw new PlaygroundException("cognito-local did not listen within 60s; see " + log);
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlaygroundException("interrupted while starting cognito-local");
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Override
  public void close() {
    ChildProcesses.stop(process);
  }
}
