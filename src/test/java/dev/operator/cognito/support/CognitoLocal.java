package dev.operator.cognito.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * cognito-local (pinned in package.json, installed by the build) running on a free port in a fresh
 * directory. One instance serves the whole test JVM; tests isolate themselves with pools of their
 * own.
 */
public final class CognitoLocal {

  private static CognitoLocal shared;

  private final Process process;
  private final URI endpoint;

  private CognitoLocal(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static synchronized CognitoLocal shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
    }
    return shared;
  }

  public URI endpoint() {
    return endpoint;
  }

  private static CognitoLocal start() {
    Path script =
        Path.of("node_modules", "cognito-local", "lib", "bin", "start.js").toAbsolutePath();
    if (!Files.exists(script)) {
      throw new IllegalStateException(
          "cognito-local is not installed at "
              + script
              + ": run the build (mvn verify), which runs npm ci, or npm ci yourself");
    }
    try {
      Path workDir = Files.createTempDirectory("cognito-local-");
      Files.createDirectories(workDir.resolve(".cognito"));
      // without this, cognito-local insists that usernames are e-mail addresses
      Files.writeString(
          workDir.resolve(".cognito/config.json"),
          "{\"UserPoolDefaults\":{\"UsernameAttributes\":[]}}");
      int port = freePort();
      ProcessBuilder builder =
          new ProcessBuilder("node", script.toString())
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(workDir.resolve("cognito-local.log").toFile());
      builder.environment().put("PORT", Integer.toString(port));
      builder.environment().put("HOST", "127.0.0.1");
      Process process = builder.start();
      waitForPort(process, port, workDir.resolve("cognito-local.log"));
      return new CognitoLocal(process, URI.create("http://127.0.0.1:" + port));
    } catch (IOException e) {
      throw new IllegalStateException("could not start cognito-local", e);
    }
  }

  private static void waitForPort(Process process, int port, Path log) throws IOException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "cognito-local exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "cognito-local did not listen within 60s:\n" + Files.readString(log));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      TimeUnit.MILLISECONDS.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void stop() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
