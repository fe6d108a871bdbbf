package dev.operator.cognito.sync.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

public class UserStatusReadsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void dueOnceAtStartThenEveryInterval() {
    UserStatusReads reads = new UserStatusReads(Duration.ofMinutes(10), clock);

    assertThat(reads.isDue("u")).isTrue();
    reads.markRead("u");
    clock.advance(Duration.ofMinutes(9));
    assertThat(reads.isDue("u")).isFalse();
    assertThat(reads.untilDue("u")).contains(Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(1));
    assertThat(reads.isDue("u")).isTrue();
  }

  @Test
  void aZeroIntervalReadsOnlyAtStart() {
    UserStatusReads reads = new UserStatusReads(Duration.ZERO, clock);

    reads.markRead("u");
    clock.advance(Duration.ofDays(30));

    assertThat(reads.isDue("u")).isFalse();
    assertThat(reads.untilDue("u")).isEmpty();
  }
}
