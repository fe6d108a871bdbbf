package dev.operator.cognito.support;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Owns an {@link OperatorTest} class's harness: started before its tests, checked and stopped
 * after.
 */
public final class OperatorExtension implements BeforeAllCallback, AfterAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(OperatorExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) throws IllegalAccessException {
    Class<?> testClass = context.getRequiredTestClass();
    OperatorTest test = testClass.getAnnotation(OperatorTest.class);
    ApiServerKind kind = test == null ? ApiServerKind.REAL : test.apiServer();
    if (kind == ApiServerKind.MEMORY && test.inMemoryBecause().isBlank()) {
      throw new IllegalStateException(
          testClass.getSimpleName() + " asks for the in-memory API server without saying why");
    }
    OperatorHarness harness =
        test == null || test.operator()
            ? OperatorHarness.start(
                kind, test == null ? Install.KUSTOMIZE_BASE : test.install(), settings(test))
            : OperatorHarness.withoutOperator(kind);
    context.getStore(NAMESPACE).put(testClass, harness);
    harnessField(testClass).set(null, harness);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    OperatorHarness.checkForLeaksAndClose(
        context.getStore(NAMESPACE).remove(context.getRequiredTestClass(), OperatorHarness.class));
  }

  private static Map<String, String> settings(OperatorTest test) {
    Map<String, String> settings = new LinkedHashMap<>();
    Arrays.stream(test == null ? new String[0] : test.settings())
        .map(s -> s.split("=", 2))
        .forEach(kv -> settings.put(kv[0], kv[1]));
    return settings;
  }

  private static Field harnessField(Class<?> testClass) {
    Field field =
        Arrays.stream(testClass.getDeclaredFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()))
            .filter(f -> f.getType() == OperatorHarness.class)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        testClass.getSimpleName()
                            + " is an @OperatorTest without a static OperatorHarness field"));
    field.setAccessible(true);
    return field;
  }
}
