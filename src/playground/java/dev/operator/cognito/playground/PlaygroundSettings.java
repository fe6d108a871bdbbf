package dev.operator.cognito.playground;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the playground keeps its files and which ports it prefers (the API port: the in-memory
 * server's; the real one takes any free port); each can be changed with an environment variable
 * (the tests run it in a directory and on ports of their own).
 */
record PlaygroundSettings(
    Path projectDir, Path workDir, int apiPort, int cognitoPort, Path operatorJar) {

  static final int DEFAULT_API_PORT = 6443;
  static final int DEFAULT_COGNITO_PORT = 9229;

  static PlaygroundSettings from(Map<String, String> env) {
    Path project = Path.of("").toAbsolutePath();
    return new PlaygroundSettings(
        project,
        Path.of(env.getOrDefault("PLAYGROUND_DIR", "target/playground")).toAbsolutePath(),
        Integer.parseInt(env.getOrDefault("PLAYGROUND_API_PORT", "" + DEFAULT_API_PORT)),
        Integer.parseInt(env.getOrDefault("PLAYGROUND_COGNITO_PORT", "" + DEFAULT_COGNITO_PORT)),
        project.resolve("target/cognito-user-operator.jar"));
  }

  Path crds() {
    return projectDir.resolve("crds");
  }

  Path examples() {
    return projectDir.resolve("deploy/examples");
  }

  Path kubeconfig() {
    return workDir.resolve("kubeconfig");
  }

  /**
   * The operator's own: straight to the in-memory server (its watches are WebSockets, which the
   * front door for kubectl does not carry), or a token of its ServiceAccount on the real one.
   */
  Path operatorKubeconfig() {
    return workDir.resolve("operator-kubeconfig");
  }

  Path cognitoState() {
    return workDir.resolve("cognito.properties");
  }
}
