package dev.operator.cognito.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

public class SecretValueTest {

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

  @Test
  void scrubsTheFormsAServiceMayEchoItIn() {
    String password = "Pw7\"%+é&x y";
    SecretValue secret = new SecretValue(password);
    String echoed =
        "json: \"Pw7\\\"%+\u00e9&x y\" url: "
            + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8)
            + " base64: "
            + java.util.Base64.getEncoder()
                .encodeToString(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    String scrubbed = secret.scrub(echoed.replace("\\u00e9", "é"));

    assertThat(scrubbed.contains("Pw7")).as("a form of the password survived").isFalse();
    assertThat(scrubbed).contains("[REDACTED]");
  }
}
