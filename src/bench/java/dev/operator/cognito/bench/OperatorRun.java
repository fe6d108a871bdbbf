package dev.operator.cognito.bench;

import dev.operator.cognito.support.Install;
import dev.operator.cognito.support.JarRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real operator jar as its own process, configured only by its documented variables. */
final class OperatorRun implements AutoCloseable {

  private final Process process;
  private final int port;
  private final long startedNanos;

  private OperatorRun(Process process, int port, long startedNanos) {
    this.process = process;
    this.port = port;
    this.startedNanos = startedNanos;
  }

  /** {@code kubeconfig}: the operator's (YAML), as a test cluster gives it. */
  static OperatorRun start(String kubeconfig, URI cognito, Map<String, String> settings)
      throws IOException {
    int port = freePort();
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", cognito.toString());
    env.put("AWS_ACCESS_KEY_ID", "bench");
    env.put("AWS_SECRET_ACCESS_KEY", "bench");
    env.put("AWS_REGION", "us-east-1");
    env.put("HTTP_PORT", Integer.toString(port));
    env.put("OPERATOR_NAMESPACE", Install.NAMESPACE);
    env.put("LEADER_ELECTION", "false");
    // one team and no UserPoolGrants: the default (required) would refuse every pool
    env.put("USER_POOL_GRANTS", "optional");
    env.put("LOG_LEVEL", "WARN");
    env.putAll(settings);
    Path log = Files.createDirectories(Path.of("target", "bench")).resolve("operator.log");
    ProcessBuilder builder = JarRun.builder(kubeconfig, env, log);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    long started = System.nanoTime();
    return new OperatorRun(builder.start(), port, started);
  }

  /** Waits for /readyz; the seconds from the process's start to ready. */
  double awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpClient http = HttpClient.newHttpClient();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the operator exited; see target/bench/operator.log");
      }
      try {
        HttpResponse<String> ready =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return (System.nanoTime() - startedNanos) / 1e9;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the operator was not ready within " + timeout);
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
