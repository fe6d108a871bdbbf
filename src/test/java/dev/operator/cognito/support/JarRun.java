package dev.operator.cognito.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shipped jar started as the README says ({@code java -jar}, no arguments), configured only
 * through environment variables, with a kubeconfig of the test's choosing.
 */
public final class JarRun {

  public static final Path JAR = Path.of("target", "cognito-user-operator.jar");

  private JarRun() {}

  /** {@code kubeconfig}: its YAML, {@link #kubeconfig(String)} or a test cluster's. */
  public static ProcessBuilder builder(String kubeconfig, Map<String, String> env, Path output)
      throws IOException {
    Path kubeconfigFile = Files.createTempFile("kubeconfig-", ".yaml");
    Files.writeString(kubeconfigFile, kubeconfig);
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("KUBERNETES_"));
    environment.remove("LOG_LEVEL");
    environment.remove("LIBRARY_LOG_LEVEL");
    environment.put("KUBECONFIG", kubeconfigFile.toString());
    environment.put("HTTP_PORT", "0");
    environment.putAll(env);
    return builder;
  }

  /** Runs the jar until it exits by itself (at most a minute): its exit code and output lines. */
  public static Exit runToExit(String kubeconfig, Map<String, String> env) {
    try {
      Path output = Files.createTempFile("operator-", ".log");
      Process process = builder(kubeconfig, env, output).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "the operator was still running after 60s:\n" + Files.readString(output));
      }
      return new Exit(process.exitValue(), Files.readAllLines(output));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public record Exit(int code, List<String> lines) {
    public String text() {
      return String.join("\n", lines);
    }
  }

  /** A kubeconfig for {@code server} with a token that no server checks (the in-memory one). */
  public static String kubeconfig(String server) {
    return kubeconfig(server, null, "test-token");
  }

  /** A kubeconfig for {@code server}, trusting {@code caFile} (null: none), with {@code token}. */
  public static String kubeconfig(String server, String caFile, String token) {
    List<String> lines = new java.util.ArrayList<>();
    lines.addAll(
        List.of("apiVersion: v1", "kind: Config", "clusters:", "- name: test", "  cluster:"));
    lines.add("    server: " + server);
    if (caFile != null) {
      lines.add("    certificate-authority: " + caFile);
    }
    lines.addAll(
        List.of(
            "contexts:",
            "- name: test",
            "  context:",
            "    cluster: test",
            "    user: test",
            "    namespace: default",
            "current-context: test",
            "users:",
            "- name: test",
            "  user:",
            "    token: " + token,
            ""));
    return String.join("\n", lines);
  }
}
