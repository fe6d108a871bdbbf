package dev.operator.cognito.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

public class UserTargetTest {

  @Test
  void regionComesFromThePoolIdPrefix() {
    assertThat(UserTarget.of(null, "us-west-2_EXAMPLE", "diego").region()).contains("us-west-2");
    assertThat(UserTarget.of("", "eu-central-1_abc123", "diego").region()).contains("eu-central-1");
  }

  @Test
  void anExplicitRegionWins() {
    assertThat(UserTarget.of("ap-south-1", "us-west-2_EXAMPLE", "diego").region())
        .contains("ap-south-1");
  }

  @Test
  void withoutEitherTheSdkDefaultChainDecides() {
    assertThat(UserTarget.of(null, "EXAMPLE", "diego").region()).isEmpty();
    assertThat(UserTarget.of(null, "_EXAMPLE", "diego").region()).isEmpty();
  }

  @Test
  void describesTheUserForMessages() {
    assertThat(UserTarget.of(null, "us-west-2_EXAMPLE", "diego").describe())
        .isEqualTo("user 'diego' in pool us-west-2_EXAMPLE (us-west-2)");
  }
}
