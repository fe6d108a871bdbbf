package dev.operator.cognito.sync.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.GeneratedPassword;
import dev.operator.cognito.api.PasswordRotation;
import dev.operator.cognito.api.PasswordSecretRef;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.sync.pass.Refusal;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the schema says of generate and rotation, checked again where it was not applied. */
class SpecCheckTest {

  @ParameterizedTest(name = "length {0}, every {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "24 | 720h |",
        "24 | 1h |",
        "24 | 1h30m |",
        " | |",
        "24 | 59m | must be at least 1h",
        "24 | 3599s | must be at least 1h",
        "24 | soon | not a duration",
        "24 | 1d | not a duration",
        "4 | | must be 8 to 256",
        "300 | | must be 8 to 256",
        "-1 | 720h | needs spec.passwordSecretRef.generate"
      })
  void generateAndRotationAreCheckedAsTheSchemaDoes(Integer length, String every, String problem) {
    CognitoUserSpec spec = new CognitoUserSpec();
    spec.setUserPoolId("us-west-2_POOL");
    spec.setUsername("ana");
    PasswordSecretRef ref = new PasswordSecretRef("ana-password", null);
    if (length != null && length >= 0) {
      ref.setGenerate(new GeneratedPassword(length));
    }
    if (every != null) {
      ref.setRotation(new PasswordRotation(every));
    }
    spec.setPasswordSecretRef(ref);

    Optional<Refusal> refusal = SpecCheck.check(spec);

    if (problem == null) {
      assertThat(refusal).isEmpty();
    } else {
      assertThat(refusal)
          .hasValueSatisfying(
              r -> {
                assertThat(r.reason()).isEqualTo(ReadyReason.InvalidSpec);
                assertThat(r.message()).contains(problem);
              });
    }
  }
}
