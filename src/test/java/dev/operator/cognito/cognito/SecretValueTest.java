package dev.operator.cognito.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretValueTest {

  @Test
  void neverPrintsItself() {
    SecretValue secret = new SecretValue("hunter2!A");

    assertThat(secret.toString()).doesNotContain("hunter2");
    assertThat("value: " + secret).doesNotContain("hunter2");
  }

  @Test
  void scrubsItselfOutOfForeignText() {
    SecretValue secret = new SecretValue("hunter2!A");

    assertThat(secret.scrub("bad password hunter2!A, try again")).doesNotContain("hunter2!A");
    assertThat(secret.scrub(null)).isNull();
    assertThat(new SecretValue("").scrub("text")).isEqualTo("text");
  }
}
