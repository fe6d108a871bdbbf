package dev.operator.cognito.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/** One CognitoUser this version cannot fully read must not stop the informer that holds all. */
class TolerantReadTest {

  private final KubernetesSerialization json = new KubernetesSerialization();

  @Test
  void fieldsThisVersionDoesNotKnowAreIgnored() {
    CognitoUser user =
        read(
            "{\"userPoolId\":\"us-east-1_A\",\"username\":\"u\",\"futureField\":{\"a\":1},"
                + "\"passwordSecretRef\":{\"name\":\"s\",\"future\":1}}",
            "{\"newThing\":true,\"conditions\":[{\"type\":\"Ready\",\"extra\":1}],"
                + "\"appliedPassword\":{\"fingerprint\":\"f\",\"future\":2}}");

    assertThat(user.getSpec().getUsername()).isEqualTo("u");
    assertThat(user.getSpec().unreadable()).isEmpty();
    assertThat(user.getStatus().getAppliedPassword().getFingerprint()).isEqualTo("f");
  }

  @Test
  void aSpecOfTheWrongShapeIsKeptAsUnreadableWithTheFieldNamed() {
    CognitoUser user =
        read(
            "{\"userPoolId\":\"us-east-1_A\",\"username\":\"u\",\"attributes\":\"s3cret-ish\","
                + "\"passwordSecretRef\":{\"name\":\"s\"}}",
            null);

    assertThat(user.getSpec().unreadable()).isPresent();
    assertThat(user.getSpec().unreadable().get())
        .contains("spec.attributes")
        .doesNotContain("s3cret-ish");
  }

  @Test
  void aStatusOfTheWrongShapeIsTakenAsAbsent() {
    CognitoUser user =
        read(
            "{\"userPoolId\":\"us-east-1_A\",\"username\":\"u\",\"passwordSecretRef\":{\"name\":\"s\"}}",
            "{\"conditions\":\"not a list\"}");

    assertThat(user.getStatus()).isNull();
    assertThat(user.getSpec().getUsername()).isEqualTo("u");
  }

  private CognitoUser read(String spec, String status) {
    return json.unmarshal(
        "{\"apiVersion\":\"cognito.operator.dev/v1alpha1\",\"kind\":\"CognitoUser\","
            + "\"metadata\":{\"name\":\"x\",\"namespace\":\"n\"},\"spec\":"
            + spec
            + (status == null ? "" : ",\"status\":" + status)
            + "}",
        CognitoUser.class);
  }
}
