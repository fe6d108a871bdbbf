package dev.operator.cognito.playground;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The operator's own jar as a separate process, configured only through the environment variables
 * the README documents, exactly as a person would run it against a cluster and a local Cognito.
 */
final class OperatorProcess implements AutoCloseable {

  private final Process process;
  private final int httpPort;
  private final Path log;

  private OperatorProcess(Process process, int httpPort, Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.log = log;
  }

  static OperatorProcess start(PlaygroundSettings settings, URI cognitoEndpoint, String region) {
    if (!Files.exists(settings.operatorJar())) {
      throw new PlaygroundException(
          "the operator's jar is missing ("
              + settings.operatorJar()
              + "): build it with mvn -B package -DskipTests");
    }
    Path log = settings.workDir().resolve("operator.log");
    int httpPort = Ports.preferred(0);
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                settings.operatorJar().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    // nothing of the caller's own cluster or AWS account may leak into the playground
    env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("KUBERNETES_"));
    env.put("KUBECONFIG", settings.operatorKubeconfig().toString());
    env.put("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", cognitoEndpoint.toString());
    env.put("AWS_ACCESS_KEY_ID", CognitoAccount.CREDENTIALS.accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", CognitoAccount.CREDENTIALS.secretAccessKey());
    env.put("AWS_REGION", region);
    env.put("OPERATOR_NAMESPACE", PlaygroundSession.OPERATOR_NAMESPACE);
    env.put("HTTP_PORT", Integer.toString(httpPort));
    // a single-team demo with no UserPoolGrants: the default (required) would refuse every pool
    env.put("USER_POOL_GRANTS", "optional");
    // the demo's machine user has a generated password; the real server's install allows it
    env.put("GENERATED_PASSWORDS", "enabled");
    // the playground shows status changes made in Cognito (a user choosing a password) sooner
    env.put("STATUS_REFRESH_INTERVAL", "30s");
    try {
      return new OperatorProcess(builder.start(), httpPort, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the operator", e);
    }
  }

  /** Waits until /readyz says ready; fails with the end of the operator's log if it exits. */
  void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest readyz =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/readyz"))
            .timeout(Duration.ofSeconds(2))
            .build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new PlaygroundException(
            "the operator exited with " + process.exitValue() + ":\n" + tailOfLog(20));
      }
      try {
        if (http.send(readyz, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PlaygroundException("interrupted while waiting for the operator");
      }
      pause();
    }
    throw new PlaygroundException(
        "the operator was not ready within " + timeout.toSeconds() + "s:\n" + tailOfLog(20));
  }

  long pid() {
    return process.pid();
  }

  int httpPort() {
    return httpPort;
  }

  Path log() {
    return log;
  }

  private String tailOfLog(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    ChildProcesses.stop(process);
  }
}
