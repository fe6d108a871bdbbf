package dev.operator.cognito.playground;

import static org.awaitility.Awaitility.await;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.Condition;
import dev.operator.cognito.playground.CognitoAccount.SignIn;
import dev.operator.cognito.playground.PlaygroundKubernetes.RbacVerdict;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The scripted walk-through of {@code ./playground --demo}: the example user becomes Ready, its
 * password signs in, the Secret is rotated, the new password signs in and the old one is refused;
 * on a real API server, which judges the operator by deploy/'s RBAC, none of the operator's
 * requests was refused. Then a machine user gets a password the operator generates into a Secret it
 * creates, and a rotation asked for by annotation replaces it. Each step passes or names what went
 * wrong; no password is ever printed.
 */
final class Demo {

  private static final Duration CONVERGE = Duration.ofSeconds(60);

  private final PlaygroundSession session;
  private final Path examplesDir;
  private final Examples examples;
  private final PrintStream out;
  private final String rotated = newPassword();
  private String fingerprintBeforeRotation;
  private String machineName;
  private String machineUsername;
  private String machineSecret;
  private String generated = "";

  private static final String ROTATE = "cognito.operator.dev/rotate-requested-at";

  Demo(PlaygroundSession session, Examples examples, Path examplesDir, PrintStream out) {
    this.session = session;
    this.examplesDir = examplesDir;
    this.examples = examples;
    this.out = out;
  }

  /** Runs every step in order; true only if all passed. */
  boolean run() {
    String user = examples.namespace() + "/" + examples.name();
    String secret = examples.namespace() + "/" + examples.secretName();
    List<Step> steps =
        new ArrayList<>(
            List.of(
                new Step("CognitoUser " + user + " becomes Ready", this::becomesReady),
                new Step(
                    "Cognito accepts the example password at sign-in",
                    this::examplePasswordSignsIn),
                new Step("the Secret " + secret + " is rotated to a new password", this::rotate),
                new Step("the operator sets the new password in Cognito", this::newPasswordApplied),
                new Step("Cognito accepts the new password at sign-in", this::newPasswordSignsIn),
                new Step("Cognito refuses the old password", this::oldPasswordRefused),
                new Step(
                    "the machine user of deploy/examples/machine-user gets a generated password",
                    this::machineUserReady),
                new Step(
                    "Cognito accepts the generated password from the Secret the operator made",
                    this::generatedPasswordSignsIn),
                new Step(
                    "a rotation asked for with "
                        + ROTATE
                        + " writes a new password into the Secret and sets it",
                    this::rotateGenerated),
                new Step(
                    "Cognito accepts the rotated password and refuses the one before",
                    this::rotatedPasswordSignsIn)));
    session
        .apiServer()
        .operatorRbac()
        .ifPresent(
            verdict ->
                steps.add(
                    new Step(
                        "the API server, judging by deploy/'s RBAC, refused none of the"
                            + " operator's requests",
                        this::operatorKeptToItsRbac)));
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      long start = System.nanoTime();
      Optional<String> failure;
      try {
        failure = step.check().run();
      } catch (RuntimeException e) {
        failure = Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      String took = String.format("%.1fs", (System.nanoTime() - start) / 1e9);
      if (failure.isPresent()) {
        out.printf("  FAILED  step %d/%d: %s (%s)%n", i + 1, steps.size(), step.name(), took);
        out.println("          " + failure.get());
        out.flush();
        return false;
      }
      out.printf("  ok      step %d/%d: %s (%s)%n", i + 1, steps.size(), step.name(), took);
      out.flush();
    }
    return true;
  }

  private Optional<String> becomesReady() {
    if (!converges(() -> isReady(user()))) {
      return Optional.of("not Ready after " + CONVERGE.toSeconds() + "s: " + readyNow());
    }
    fingerprintBeforeRotation = user().getStatus().getAppliedPassword().getFingerprint();
    return Optional.empty();
  }

  private Optional<String> examplePasswordSignsIn() {
    return expect(SignIn.ACCEPTED, examples.password());
  }

  private Optional<String> rotate() {
    kubernetes()
        .secrets()
        .inNamespace(examples.namespace())
        .withName(examples.secretName())
        .edit(
            s -> {
              s.getData()
                  .put(
                      examples.secretKey(),
                      Base64.getEncoder().encodeToString(rotated.getBytes(StandardCharsets.UTF_8)));
              return s;
            });
    return Optional.empty();
  }

  private Optional<String> newPasswordApplied() {
    boolean applied =
        converges(
            () -> {
              CognitoUser now = user();
              return isReady(now)
                  && !fingerprintBeforeRotation.equals(
                      now.getStatus().getAppliedPassword().getFingerprint());
            });
    return applied
        ? Optional.empty()
        : Optional.of(
            "the status shows no new password after " + CONVERGE.toSeconds() + "s: " + readyNow());
  }

  private Optional<String> newPasswordSignsIn() {
    return expect(SignIn.ACCEPTED, rotated);
  }

  private Optional<String> oldPasswordRefused() {
    return expect(SignIn.REFUSED, examples.password());
  }

  private Optional<String> machineUserReady() {
    Path file = examplesDir.resolve("machine-user").resolve("cognitouser.yaml");
    CognitoUser machine;
    try (InputStream in = Files.newInputStream(file)) {
      machine = kubernetes().getKubernetesSerialization().unmarshal(in, CognitoUser.class);
    } catch (IOException e) {
      return Optional.of("cannot read " + file + ": " + e.getMessage());
    }
    // the playground's pool, as for the first example; and no sign-out, which cognito-local
    // (the playground's Cognito) does not serve: the tests' proxy stands in for it there
    machine.getSpec().setUserPoolId(examples.poolId());
    machine.getSpec().setSignOutOnPasswordChange(false);
    machine.getMetadata().setNamespace(examples.namespace());
    machineName = machine.getMetadata().getName();
    machineUsername = machine.getSpec().getUsername();
    machineSecret = machine.getSpec().getPasswordSecretRef().getName();
    kubernetes().resource(machine).create();
    if (!converges(() -> isReady(machine()))) {
      return Optional.of("not Ready after " + CONVERGE.toSeconds() + "s: " + describe(machine()));
    }
    generated = passwordInSecret();
    return generated.isEmpty()
        ? Optional.of("Secret " + machineSecret + " holds no password")
        : Optional.empty();
  }

  private Optional<String> generatedPasswordSignsIn() {
    SignIn answer = session.signIn(machineUsername, generated);
    return answer == SignIn.ACCEPTED
        ? Optional.empty()
        : Optional.of("Cognito answered " + answer + " to the generated password");
  }

  private Optional<String> rotateGenerated() {
    String request = java.time.Instant.now().toString();
    kubernetes()
        .resources(CognitoUser.class)
        .inNamespace(examples.namespace())
        .withName(machineName)
        .edit(
            u -> {
              Map<String, String> annotations = new HashMap<>();
              if (u.getMetadata().getAnnotations() != null) {
                annotations.putAll(u.getMetadata().getAnnotations());
              }
              annotations.put(ROTATE, request);
              u.getMetadata().setAnnotations(annotations);
              return u;
            });
    boolean rotatedInTime =
        converges(
            () -> {
              CognitoUser now = machine();
              return isReady(now)
                  && request.equals(now.getStatus().getLastHandledRotateAt())
                  && !passwordInSecret().equals(generated);
            });
    return rotatedInTime
        ? Optional.empty()
        : Optional.of("no rotation after " + CONVERGE.toSeconds() + "s: " + describe(machine()));
  }

  private Optional<String> rotatedPasswordSignsIn() {
    String rotatedGenerated = passwordInSecret();
    if (!converges(() -> session.signIn(machineUsername, rotatedGenerated) == SignIn.ACCEPTED)) {
      return Optional.of("Cognito does not accept the rotated password");
    }
    SignIn old = session.signIn(machineUsername, generated);
    return old == SignIn.REFUSED
        ? Optional.empty()
        : Optional.of("Cognito answered " + old + " to the password from before the rotation");
  }

  /** The password the operator generated, read from its Secret; never printed. */
  private String passwordInSecret() {
    Secret secret =
        kubernetes().secrets().inNamespace(examples.namespace()).withName(machineSecret).get();
    if (secret == null || secret.getData() == null || secret.getData().get("password") == null) {
      return "";
    }
    return new String(
        Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8);
  }

  private CognitoUser machine() {
    return kubernetes()
        .resources(CognitoUser.class)
        .inNamespace(examples.namespace())
        .withName(machineName)
        .get();
  }

  private Optional<String> operatorKeptToItsRbac() {
    RbacVerdict verdict = session.apiServer().operatorRbac().orElseThrow();
    if (verdict.requests() == 0) {
      return Optional.of("the API server's audit log holds no request of " + verdict.identity());
    }
    return verdict.refused().isEmpty()
        ? Optional.empty()
        : Optional.of(
            "refused "
                + verdict.refused().size()
                + " of "
                + verdict.requests()
                + ": "
                + String.join(", ", verdict.refused()));
  }

  private Optional<String> expect(SignIn wanted, String password) {
    SignIn answer = session.signIn(examples.username(), password);
    return answer == wanted
        ? Optional.empty()
        : Optional.of("Cognito answered " + answer + " where " + wanted + " was expected");
  }

  private CognitoUser user() {
    return kubernetes()
        .resources(CognitoUser.class)
        .inNamespace(examples.namespace())
        .withName(examples.name())
        .get();
  }

  private static boolean isReady(CognitoUser user) {
    return user != null
        && user.getStatus() != null
        && user.getStatus().getAppliedPassword() != null
        && user.getStatus().condition("Ready").map(Condition::getStatus).orElse("").equals("True");
  }

  private String readyNow() {
    return describe(user());
  }

  private static String describe(CognitoUser user) {
    return user == null ? "the CognitoUser is gone" : StatusFeed.describe(user);
  }

  /** Whether {@code condition} comes to hold within {@link #CONVERGE}, polled every 200 ms. */
  private static boolean converges(java.util.concurrent.Callable<Boolean> condition) {
    try {
      await().atMost(CONVERGE).pollInterval(Duration.ofMillis(200)).until(condition);
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  private KubernetesClient kubernetes() {
    return session.kubernetes();
  }

  /** Meets any pool's default policy: upper and lower case, digits and a symbol. */
  private static String newPassword() {
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    return "Demo-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "-7a!";
  }

  private record Step(String name, Check check) {}

  @FunctionalInterface
  private interface Check {
    Optional<String> run();
  }
}
