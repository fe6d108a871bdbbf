package dev.operator.cognito.sync.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

public class RetryBackoffTest {

  @Test
  void doublesUpToTheCap() {
    RetryBackoff backoff =
        new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 1.0);

    assertThat(backoff.delayForAttempt(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delayForAttempt(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delayForAttempt(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.delayForAttempt(5)).isEqualTo(Duration.ofSeconds(10));
    assertThat(backoff.delayForAttempt(1000)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void jitterDrawsBetweenHalfAndAllOfTheDelay() {
    RetryBackoff low = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.0);
    RetryBackoff mid = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.5);

    assertThat(low.delayForAttempt(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(mid.delayForAttempt(3)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void countsPerUserAndStartsOverAfterSuccess() {
    RetryBackoff backoff =
        new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 1.0);

    backoff.nextDelay("a");
    assertThat(backoff.nextDelay("a")).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.nextDelay("b")).isEqualTo(Duration.ofSeconds(1));
    backoff.succeeded("a");
    assertThat(backoff.nextDelay("a")).isEqualTo(Duration.ofSeconds(1));
  }
}
