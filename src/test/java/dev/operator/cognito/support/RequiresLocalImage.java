package dev.operator.cognito.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Disables a test class unless a Docker engine answers and already holds the class's image: no
 * registry can be reached from the project's machines, so a test that would pull its image could
 * only fail. It says why on the console, so that a skipped end-to-end run is visible, not silent.
 */
public final class RequiresLocalImage implements ExecutionCondition {

  /** The image the annotated test class runs; it must be present in the local Docker engine. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @ExtendWith(RequiresLocalImage.class)
  public @interface Image {
    String value();
  }

  private static Boolean engine;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String image =
        context.getTestClass().map(c -> c.getAnnotation(Image.class)).map(Image::value).orElse("");
    if (!engineAvailable()) {
      return skipped(
          context,
          "no Docker engine on this machine, and this test runs " + image + " in a container");
    }
    if (!imagePresent(image)) {
      return skipped(
          context,
          "the image "
              + image
              + " is not in the local Docker engine, and no registry can be reached here: load"
              + " it (docker load, or docker pull where a registry answers) to run this test");
    }
    return ConditionEvaluationResult.enabled("Docker holds " + image);
  }

  private static ConditionEvaluationResult skipped(ExtensionContext context, String why) {
    String reason =
        "SKIPPED "
            + context.getDisplayName()
            + ": "
            + why
            + ". The tests against the in-memory and the real API server cover the same"
            + " behaviour.";
    System.err.println(reason);
    return ConditionEvaluationResult.disabled(reason);
  }

  private static synchronized boolean engineAvailable() {
    if (engine == null) {
      engine = DockerClientFactory.instance().isDockerAvailable();
    }
    return engine;
  }

  private static boolean imagePresent(String image) {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(image).exec();
      return true;
    } catch (RuntimeException notThere) {
      return false;
    }
  }
}
