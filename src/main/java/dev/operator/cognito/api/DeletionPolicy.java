package dev.operator.cognito.api;

/** What happens to the Cognito user when its CognitoUser is deleted. */
public enum DeletionPolicy {
  Retain,
  Delete
}
