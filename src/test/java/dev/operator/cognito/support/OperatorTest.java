package dev.operator.cognito.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An integration test class with its own operator, API server and Cognito proxy: {@link
 * OperatorExtension} starts them before the class's tests and puts the {@link OperatorHarness} in
 * the class's static field of that type; after them it checks that no password leaked and that the
 * shipped RBAC allowed every request, and stops everything.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(OperatorExtension.class)
public @interface OperatorTest {

  /** Operator environment variables over the test defaults, as {@code NAME=value}. */
  String[] settings() default {};

  /** false: the API server and Cognito only, for a test that runs the operator itself. */
  boolean operator() default true;

  /** The real API server unless the test needs faults only the in-memory one can inject. */
  ApiServerKind apiServer() default ApiServerKind.REAL;

  /** On the real API server, the shipped install whose RBAC and settings the operator runs with. */
  Install install() default Install.KUSTOMIZE_BASE;

  /** Required with {@link ApiServerKind#MEMORY}: why this test cannot run on a real server. */
  String inMemoryBecause() default "";
}
