package dev.operator.cognito.sync.credential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.aws.PoolPolicies.PasswordPolicy;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordGeneratorTest {

  private final PasswordGenerator generator = new PasswordGenerator(new SecureRandom());

  @Test
  void everyPasswordHasEveryKindAndOnlyCognitosSymbols() {
    for (int length : new int[] {8, 9, 24, 256}) {
      for (int i = 0; i < 200; i++) {
        String password = generator.generate(length).reveal();
        assertThat(password).hasSize(length);
        assertThat(password.chars().anyMatch(c -> PasswordGenerator.UPPER.indexOf(c) >= 0))
            .isTrue();
        assertThat(password.chars().anyMatch(c -> PasswordGenerator.LOWER.indexOf(c) >= 0))
            .isTrue();
        assertThat(password.chars().anyMatch(c -> PasswordGenerator.DIGITS.indexOf(c) >= 0))
            .isTrue();
        assertThat(password.chars().anyMatch(c -> PasswordGenerator.SYMBOLS.indexOf(c) >= 0))
            .isTrue();
        assertThat(password.chars().allMatch(c -> c > 32 && c < 127))
            .as("printable ASCII, no space")
            .isTrue();
      }
    }
  }

  @Test
  void noTwoPasswordsAreTheSame() {
    Set<String> seen = new HashSet<>();
    IntStream.range(0, 10_000).forEach(i -> seen.add(generator.generate(12).reveal()));
    assertThat(seen).hasSize(10_000);
  }

  @ParameterizedTest
  @CsvSource({"8, 8, true", "16, 12, false", "16, 16, true", "99, 256, true", "30, 24, false"})
  void aLengthMeetsThePoolsMinimumOrTheRefusalSaysIt(int minimum, int length, boolean fits) {
    Optional<String> unmet =
        PasswordGenerator.unmet(length, new PasswordPolicy(minimum, true, true, true, true), "p");
    assertThat(unmet.isEmpty()).isEqualTo(fits);
    unmet.ifPresent(m -> assertThat(m).contains("at least " + minimum + " characters"));
  }

  @Test
  void rotationsOfUsersCreatedTogetherSpreadOverATenthOfTheInterval() {
    Instant created = Instant.parse("2026-11-30T00:00:00Z");
    Duration every = Duration.ofHours(720);
    Set<Long> minutes = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      Instant due = RotationSchedule.due(created, every, "uid-" + i);
      assertThat(due).isBetween(created.plus(every).minus(Duration.ofDays(1)), created.plus(every));
      assertThat(RotationSchedule.due(created, every, "uid-" + i))
          .as("the same every time")
          .isEqualTo(due);
      minutes.add(Duration.between(created, due).toMinutes());
    }
    assertThat(minutes)
        .as("a thousand users rotate over hundreds of distinct minutes")
        .hasSizeGreaterThan(500);
  }

  @ParameterizedTest
  @CsvSource({
    "720h, PT720H",
    "1h30m, PT1H30M",
    "90m, PT1H30M",
    "3600s, PT1H",
    "'', ",
    "1d, ",
    "h, "
  })
  void intervalsAreReadAsGoWritesThem(String text, String expected) {
    assertThat(RotationSchedule.parse(text))
        .isEqualTo(Optional.ofNullable(expected).map(Duration::parse));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "cognito.operator.dev/password=true | {cognito.operator.dev/password=true}",
        "team==a,tier | {team=a, tier=true}",
        "team!=a | ",
        "team in (a,b) | ",
        "!team | "
      })
  void aSelectorNamesTheLabelsAGeneratedSecretNeeds(String selector, String labels) {
    Optional<Map<String, String>> got = SelectorLabels.of(Optional.of(selector));
    if (labels == null) {
      assertThat(got).isEmpty();
    } else {
      assertThat(got).hasValueSatisfying(l -> assertThat(l.toString()).isEqualTo(labels));
    }
  }
}
