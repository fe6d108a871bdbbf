package dev.operator.cognito.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFormatEncoderTest {

  private final LoggerContext context = new LoggerContext();

  @Test
  void jsonIsOneObjectPerLineWithTheCognitoUserAsAField() throws Exception {
    String line = encode("json");

    assertThat(line).endsWith("\n").doesNotContain("\n{");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.path("level").asText()).isEqualTo("INFO");
    assertThat(json.path("formattedMessage").asText())
        .isEqualTo("set a permanent password for diego");
    assertThat(json.path("mdc").path("cognitouser").asText()).isEqualTo("team-a/diego");
    assertThat(json.path("loggerName").asText()).isEqualTo("dev.operator.cognito.Test");
  }

  @Test
  void textFollowsThePattern() {
    assertThat(encode("text")).isEqualTo("INFO team-a/diego set a permanent password for diego\n");
  }

  private String encode(String format) {
    LogFormatEncoder encoder = new LogFormatEncoder();
    encoder.setContext(context);
    encoder.setFormat(format);
    encoder.setPattern("%level %X{cognitouser} %msg%n");
    encoder.start();
    LoggingEvent event =
        new LoggingEvent(
            "fqcn",
            context.getLogger("dev.operator.cognito.Test"),
            Level.INFO,
            "set a {} password for {}",
            null,
            new Object[] {"permanent", "diego"});
    event.setMDCPropertyMap(Map.of("cognitouser", "team-a/diego"));
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }
}
