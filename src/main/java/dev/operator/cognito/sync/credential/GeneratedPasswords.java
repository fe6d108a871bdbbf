package dev.operator.cognito.sync.credential;

import java.util.Map;
import java.util.Optional;

/**
 * Whether and how the operator may write generated passwords into Secrets.
 *
 * @param enabled whether the install turned it on (GENERATED_PASSWORDS=enabled)
 * @param selectorLabels the labels a generated Secret needs to be seen under SECRET_LABEL_SELECTOR,
 *     or empty if no set of labels satisfies it
 * @param writer how the Secrets are written
 */
public record GeneratedPasswords(
    boolean enabled, Optional<Map<String, String>> selectorLabels, SecretWriter writer) {

  /** Off: generate is refused, and nothing is ever written. */
  public static GeneratedPasswords disabled() {
    return new GeneratedPasswords(
        false,
        Optional.of(Map.of()),
        new SecretWriter() {
          @Override
          public io.fabric8.kubernetes.api.model.Secret create(
              io.fabric8.kubernetes.api.model.Secret secret) throws Failed {
            throw new Failed("generated passwords are disabled", false);
          }

          @Override
          public io.fabric8.kubernetes.api.model.Secret update(
              io.fabric8.kubernetes.api.model.Secret current,
              String key,
              dev.operator.cognito.aws.SecretValue value,
              Map<String, String> annotations)
              throws Failed {
            throw new Failed("generated passwords are disabled", false);
          }
        });
  }
}
