package dev.operator.cognito.playground;

import dev.operator.cognito.playground.CognitoAccount.SignIn;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything the playground runs, started in order and stopped in reverse: the Kubernetes API
 * server (real or in memory), cognito-local with the example pool and user, and the operator's jar;
 * then the examples applied. Closing is safe at any point, including half-way through starting.
 */
final class PlaygroundSession implements AutoCloseable {

  static final String OPERATOR_NAMESPACE = "cognito-user-operator";

  private final PlaygroundSettings settings;
  private final ApiServerChoice.Kind apiServer;
  private final Examples examples;
  private final PrintStream out;
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private PlaygroundKubernetes api;
  private CognitoAccount cognito;
  private CognitoState cognitoState;
  private boolean closed;

  PlaygroundSession(
      PlaygroundSettings settings,
      ApiServerChoice.Kind apiServer,
      Examples examples,
      PrintStream out) {
    this.settings = settings;
    this.apiServer = apiServer;
    this.examples = examples;
    this.out = out;
  }

  synchronized void start() throws IOException {
    Files.createDirectories(settings.workDir());
    List<String> namespaces =
        Stream.of("default", examples.namespace(), OPERATOR_NAMESPACE).distinct().toList();
    api =
        started(
            apiServer == ApiServerChoice.Kind.REAL
                ? RealKubernetes.start(settings, namespaces)
                : PlaygroundApiServer.start(settings, namespaces));
    api.summary().forEach(line -> say("%s", line));

    CognitoLocalProcess cognitoLocal =
        started(
            CognitoLocalProcess.start(
                settings.projectDir(),
                settings.workDir().resolve("cognito"),
                Ports.preferred(settings.cognitoPort()),
                List.of(examples.poolId())));
    cognito = started(new CognitoAccount(cognitoLocal.endpoint(), examples.region()));
    String clientId = cognito.createAppClient(examples.poolId());
    cognito.createUser(examples.poolId(), examples.username());
    cognitoState =
        new CognitoState(cognitoLocal.endpoint(), examples.region(), examples.poolId(), clientId);
    cognitoState.save(settings.cognitoState());
    say(
        "Cognito         %s  (cognito-local, pid %d: pool %s, app client %s, user %s)",
        cognitoLocal.endpoint(),
        cognitoLocal.pid(),
        examples.poolId(),
        clientId,
        examples.username());

    OperatorProcess operator =
        started(OperatorProcess.start(settings, cognitoLocal.endpoint(), examples.region()));
    operator.awaitReady(Duration.ofSeconds(90));
    say(
        "operator        %s  (pid %d, /metrics on port %d, log %s)",
        settings.projectDir().relativize(settings.operatorJar()),
        operator.pid(),
        operator.httpPort(),
        relative(operator.log()));

    say("applied         %s", String.join(", ", applyExamples()));
  }

  java.net.URI cognitoEndpoint() {
    return cognitoState.endpoint();
  }

  KubernetesClient kubernetes() {
    return api.client();
  }

  PlaygroundKubernetes apiServer() {
    return api;
  }

  SignIn signIn(String username, String password) {
    return cognito.signIn(cognitoState.poolId(), cognitoState.clientId(), username, password);
  }

  String relative(Path path) {
    return path.startsWith(settings.projectDir())
        ? settings.projectDir().relativize(path).toString()
        : path.toString();
  }

  private List<String> applyExamples() {
    List<String> applied = new ArrayList<>();
    // Secrets first, as a GitOps tool's sync waves would: the CognitoUser then finds its Secret
    for (Path file : examples.filesSecretsFirst()) {
      api.apply(file);
      // read here only to name what was applied
      try (InputStream in = Files.newInputStream(file)) {
        for (HasMetadata object : api.client().load(in).items()) {
          applied.add(
              object.getKind()
                  + " "
                  + object.getMetadata().getNamespace()
                  + "/"
                  + object.getMetadata().getName());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return applied;
  }

  private <T extends AutoCloseable> T started(T part) {
    running.push(part);
    return part;
  }

  private void say(String format, Object... args) {
    out.println("  " + String.format(format, args));
    out.flush();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        out.println("playground: while stopping: " + e.getMessage());
      }
    }
    try {
      Files.deleteIfExists(settings.cognitoState());
    } catch (IOException e) {
      out.println("playground: cannot delete " + settings.cognitoState());
    }
  }
}
