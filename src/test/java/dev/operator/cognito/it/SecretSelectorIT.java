package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SECRET_LABEL_SELECTOR: the operator sees only the Secrets labelled for it. */
@OperatorTest(settings = {"SECRET_LABEL_SELECTOR=" + SecretSelectorIT.LABEL + "=true"})
class SecretSelectorIT {

  static final String LABEL = "cognito.operator.dev/password";
  private static OperatorHarness harness;

  @Test
  void anUnlabelledSecretIsNotSeenUntilItIsLabelled() {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("selector"));
    String ns = harness.newNamespace("selector");
    var user = harness.manage(ns, "lara", pool, true);

    harness.awaitReason(ns, "lara", "SecretNotFound");

    harness.editSecret(
        ns,
        "lara-password",
        s -> {
          Map<String, String> labels = new HashMap<>();
          labels.put(LABEL, "true");
          s.getMetadata().setLabels(labels);
          return s;
        });
    harness.awaitReason(ns, "lara", "PasswordSet");
    assertThat(harness.cognito().signIn(pool, user.username(), user.password()))
        .isEqualTo(SignIn.ACCEPTED);
  }
}
