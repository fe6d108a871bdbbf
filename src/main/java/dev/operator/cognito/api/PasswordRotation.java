package dev.operator.cognito.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/** When the operator replaces a password it generated. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class PasswordRotation {

  /** Hours, minutes and seconds, as Go and Kubernetes write durations: 720h, 90m, 1h30m. */
  public static final String DURATION = "^([0-9]{1,6}h)?([0-9]{1,6}m)?([0-9]{1,6}s)?$";

  @Required
  @Size(min = 2, max = 24)
  @Pattern(DURATION)
  @ValidationRule(
      value = "duration(self) >= duration('1h')",
      message =
          "rotation.every must be at least 1h: Cognito's write quota is shared with the"
              + " application")
  @JsonPropertyDescription(
      "How long a generated password lives before the operator writes a new one into the Secret"
          + " and sets it, such as 720h (30 days); at least 1h. Each user's rotation comes up to a"
          + " tenth of this early (at most 24h), the same amount for the same CognitoUser every"
          + " time, so that users created together do not rotate together.")
  private String every;

  public PasswordRotation() {}

  public PasswordRotation(String every) {
    this.every = every;
  }

  public String getEvery() {
    return every;
  }

  public void setEvery(String every) {
    this.every = every;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordRotation that && Objects.equals(every, that.every);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(every);
  }
}
