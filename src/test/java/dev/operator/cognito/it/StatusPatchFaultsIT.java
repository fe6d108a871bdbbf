package dev.operator.cognito.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.support.ApiServerKind;
import dev.operator.cognito.support.OperatorHarness;
import dev.operator.cognito.support.OperatorTest;
import dev.operator.cognito.support.TestCognito.Pool;
import dev.operator.cognito.support.TestCognito.SignIn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API server refuses the status patch that records a password Cognito has just accepted (a
 * conflict, throttling, an error): the status is written later, nothing is lost, and Cognito is not
 * written again because of it.
 */
@OperatorTest(
    apiServer = ApiServerKind.MEMORY,
    inMemoryBecause =
        "it answers given status patches with errors, which a real server never does on cue")
class StatusPatchFaultsIT {

  private static OperatorHarness harness;

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {409, 429, 500})
  void aRefusedStatusPatchIsRetriedWithoutWritingCognitoAgain(int code) {
    Pool pool = harness.cognito().createPool(OperatorHarness.uniqueName("patch"));
    String ns = harness.newNamespace("patch-" + code);
    harness
        .cluster()
        .failNext(
            r ->
                "PATCH".equalsIgnoreCase(r.getMethod())
                    && r.getPath()
                        .startsWith("/apis/cognito.operator.dev/v1alpha1/namespaces/" + ns)
                    && r.getPath().contains("/status"),
            code,
            2);

    var user = harness.manage(ns, "uma", pool, true);

    harness.awaitReason(ns, "uma", "PasswordSet");
    assertThat(harness.proxy().calls("AdminSetUserPassword", pool.id(), user.username()))
        .isEqualTo(1);
    assertThat(harness.cognito().signIn(pool, user.username(), user.password()))
        .isEqualTo(SignIn.ACCEPTED);
  }
}
