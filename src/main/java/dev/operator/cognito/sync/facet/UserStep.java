package dev.operator.cognito.sync.facet;

import dev.operator.cognito.sync.pass.PassContext;
import dev.operator.cognito.sync.pass.StepOutcome;

/**
 * One facet of the user: compares what the spec asks for with what Cognito holds, writes only what
 * differs, records the facet in the status being built, and says what it did.
 */
public interface UserStep {

  StepOutcome apply(PassContext pass);
}
