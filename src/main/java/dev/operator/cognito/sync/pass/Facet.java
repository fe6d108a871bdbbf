package dev.operator.cognito.sync.pass;

/** The parts of a Cognito user that one pass manages, each by its own step. */
public enum Facet {
  USER("user"),
  PASSWORD("password"),
  TEMPORARY_PASSWORD("temporary password"),
  ATTRIBUTES("attributes"),
  ENABLED("enabled"),
  GROUPS("groups"),
  SIGN_OUT("sign-out"),
  MFA("mfa");

  private final String label;

  Facet(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
