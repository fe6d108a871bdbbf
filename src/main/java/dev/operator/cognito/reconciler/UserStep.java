package dev.operator.cognito.reconciler;

/**
 * One facet of the user: compares what the spec asks for with what Cognito holds, writes only what
 * differs, records the facet in the status being built, and says what it did.
 */
interface UserStep {

  StepOutcome apply(PassContext pass);
}
