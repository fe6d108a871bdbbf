package dev.operator.cognito.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

// a newer CRD may carry fields this version does not know: they must not stop the informer
@JsonIgnoreProperties(ignoreUnknown = true)
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

  /** The API server applies the schema default; this covers objects that never went through it. */
  @JsonIgnore
  public String keyOrDefault() {
    return key == null || key.isEmpty() ? DEFAULT_KEY : key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordSecretRef that
        && Objects.equals(name, that.name)
        && Objects.equals(key, that.key);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, key);
  }
}
