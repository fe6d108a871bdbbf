package dev.operator.cognito.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Disables a test class when no Docker engine answers, and says so on the console, so that a
 * skipped end-to-end run is visible rather than silent.
 */
public final class RequiresDocker implements ExecutionCondition {

  private static Boolean available;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (dockerAvailable()) {
      return ConditionEvaluationResult.enabled("a Docker engine is available");
    }
    String reason =
        "SKIPPED "
            + context.getDisplayName()
            + ": no Docker engine on this machine, and this test runs k3s in a container."
            + " The tests against the in-memory API server cover the same behaviour.";
    System.err.println(reason);
    return ConditionEvaluationResult.disabled(reason);
  }

  private static synchronized boolean dockerAvailable() {
    if (available == null) {
      available = DockerClientFactory.instance().isDockerAvailable();
    }
    return available;
  }
}
