package dev.operator.cognito.observability;

import java.util.Optional;

/** What /healthz and /readyz answer, whatever runs the operator. */
public interface Health {

  /** False once the operator stopped on its own: the process is to be restarted. */
  boolean isAlive();

  /** Why the operator is not ready to work, if it is not. */
  Optional<String> notReadyBecause();
}
