package dev.operator.cognito.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/iam-policy.json, and the README's copy of it, allow exactly the Cognito actions the
 * operator calls: the operation names SdkCognitoGateway passes to its rate-limited calls.
 */
class IamPolicyTest {

  private static final Path GATEWAY =
      Path.of("src/main/java/dev/operator/cognito/aws/SdkCognitoGateway.java");
  private static final Pattern OPERATION =
      Pattern.compile("calls\\s*\\.\\s*(?:read|write|call)\\(\\s*\"([A-Za-z]+)\"");
  private static final Pattern README_ACTION = Pattern.compile("\"cognito-idp:([A-Za-z]+)\"");

  @Test
  void thePolicyAllowsExactlyTheActionsTheGatewayCalls() throws IOException {
    Set<String> allowed = new TreeSet<>();
    JsonNode policy = new ObjectMapper().readTree(Path.of("deploy/iam-policy.json").toFile());
    for (JsonNode statement : policy.path("Statement")) {
      statement.path("Action").forEach(a -> allowed.add(a.asText()));
    }

    assertThat(allowed).isEqualTo(prefixed(calledOperations()));
  }

  @Test
  void theReadmeShowsThePolicyAsItIs() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("IAM (`deploy/iam-policy.json`)");
    assertThat(start).as("the README's Permissions section").isNotNegative();
    String excerpt =
        readme.substring(start, readme.indexOf("```", readme.indexOf("```", start) + 3));
    Set<String> shown = new TreeSet<>();
    Matcher m = README_ACTION.matcher(excerpt);
    while (m.find()) {
      shown.add(m.group(1));
    }

    assertThat(shown).isEqualTo(calledOperations());
  }

  private static Set<String> calledOperations() throws IOException {
    Set<String> operations = new TreeSet<>();
    Matcher m = OPERATION.matcher(Files.readString(GATEWAY));
    while (m.find()) {
      operations.add(m.group(1));
    }
    assertThat(operations).as("operations found in %s", GATEWAY).contains("AdminGetUser");
    return operations;
  }

  private static Set<String> prefixed(Set<String> operations) {
    Set<String> actions = new TreeSet<>();
    operations.forEach(o -> actions.add("cognito-idp:" + o));
    return actions;
  }
}
