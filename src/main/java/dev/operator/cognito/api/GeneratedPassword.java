package dev.operator.cognito.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.Objects;

/** How the operator makes a password when the referenced Secret or its key does not exist. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class GeneratedPassword {

  public static final int DEFAULT_LENGTH = 24;

  @Default("24")
  @Min(8)
  @Max(256)
  @JsonPropertyDescription(
      "Length of the generated password, in characters (8 to 256). It must be at least the"
          + " pool's minimum length; the password has upper- and lower-case letters, digits and"
          + " symbols from Cognito's symbol set, whatever the pool requires.")
  private Integer length;

  public GeneratedPassword() {}

  public GeneratedPassword(Integer length) {
    this.length = length;
  }

  public Integer getLength() {
    return length;
  }

  public void setLength(Integer length) {
    this.length = length;
  }

  @JsonIgnore
  public int lengthOrDefault() {
    return length == null ? DEFAULT_LENGTH : length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GeneratedPassword that && Objects.equals(length, that.length);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(length);
  }
}
