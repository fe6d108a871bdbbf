package dev.operator.cognito.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

// a newer CRD may carry fields this version does not know: they must not stop the informer
@JsonIgnoreProperties(ignoreUnknown = true)
@ValidationRule(
    value = "!has(self.rotation) || has(self.generate)",
    message =
        "passwordSecretRef.rotation needs passwordSecretRef.generate: the operator rotates only"
            + " passwords it generated")
public class PasswordSecretRef {

  public static final String DEFAULT_KEY = "password";

  @Required
  @Size(min = 1, max = 253)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  @JsonPropertyDescription("Name of the Secret. It must be in the CognitoUser's own namespace.")
  private String name;

  @Default(DEFAULT_KEY)
  @Size(min = 1, max = 253)
  @Pattern("^[-._a-zA-Z0-9]+$")
  @JsonPropertyDescription("Key in the Secret's data that holds the password.")
  private String key;

  @JsonPropertyDescription(
      "Makes the operator generate the password when the Secret or its key does not exist:"
          + " it creates the Secret (owned by this CognitoUser, labelled"
          + " cognito.operator.dev/generated) or adds the key to a Secret it created, once. It"
          + " never changes a Secret it did not create. The install must allow it"
          + " (GENERATED_PASSWORDS=enabled).")
  private GeneratedPassword generate;

  @JsonPropertyDescription(
      "Replaces a generated password on a schedule. Needs generate. A rotation can also be"
          + " asked for at once with the annotation cognito.operator.dev/rotate-requested-at.")
  private PasswordRotation rotation;

  public PasswordSecretRef() {}

  public PasswordSecretRef(String name, String key) {
    this.name = name;
    this.key = key;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public GeneratedPassword getGenerate() {
    return generate;
  }

  public void setGenerate(GeneratedPassword generate) {
    this.generate = generate;
  }

  public PasswordRotation getRotation() {
    return rotation;
  }

  public void setRotation(PasswordRotation rotation) {
    this.rotation = rotation;
  }

  /** The API server applies the schema default; this covers objects that never went through it. */
  @JsonIgnore
  public String keyOrDefault() {
    return key == null || key.isEmpty() ? DEFAULT_KEY : key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordSecretRef that
        && Objects.equals(name, that.name)
        && Objects.equals(key, that.key)
        && Objects.equals(generate, that.generate)
        && Objects.equals(rotation, that.rotation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, key, generate, rotation);
  }
}
