package dev.operator.cognito.sync.facet;

import dev.operator.cognito.sync.pass.PassContext;
import dev.operator.cognito.sync.pass.StepOutcome;

/**
 * One facet of the user: compares what the spec asks for with what Cognito holds, writes only what
 * differs, records the facet in the status being built, and says what it did.
 */
public interface UserStep {

  StepOutcome apply(PassContext pass);

  /**
   * What {@link #apply} would change now, as one line without any secret's value, or empty if
   * nothing: the plan of managementPolicy ObserveOnly. It may read, and never writes, neither to
   * Cognito nor to the status being built nor to the process's memory.
   */
  default java.util.Optional<String> plan(PassContext pass)
      throws dev.operator.cognito.aws.CallNotDone {
    return java.util.Optional.empty();
  }
}
