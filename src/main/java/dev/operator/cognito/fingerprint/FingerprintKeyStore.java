package dev.operator.cognito.fingerprint;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the fingerprint key in a Secret of the operator's own namespace, so that it survives
 * restarts and rescheduling and is shared by every replica. The first replica to start creates it.
 */
public final class FingerprintKeyStore {

  public static final String DATA_KEY = "hmac-key";
  private static final Logger log = LoggerFactory.getLogger(FingerprintKeyStore.class);

  private final KubernetesClient client;
  private final String namespace;
  private final String secretName;
  private final SecureRandom random;

  public FingerprintKeyStore(
      KubernetesClient client, String namespace, String secretName, SecureRandom random) {
    this.client = client;
    this.namespace = namespace;
    this.secretName = secretName;
    this.random = random;
  }

  public FingerprintKey loadOrCreate() {
    Secret existing = secrets().get();
    if (existing != null) {
      return keyFrom(existing);
    }
    FingerprintKey created = FingerprintKey.random(random);
    try {
      create(created);
      log.info("Created fingerprint key {} in Secret {}/{}", created.id(), namespace, secretName);
      return created;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        // another replica created it first: use theirs
        return keyFrom(secrets().get());
      }
      throw e;
    }
  }

  /**
   * Keeps every replica on the key the Secret holds. A deleted Secret is made again with the key in
   * use, so that nothing is written again; a Secret that holds another key (replaced by hand, or
   * made by a replica that started while it was missing) wins, and the fingerprints made with the
   * old key cost one write per permanent password, once.
   */
  public void keepInAgreement(PasswordFingerprinter fingerprinter) {
    FingerprintKey inUse = fingerprinter.key();
    Secret existing = secrets().get();
    if (existing == null) {
      try {
        create(inUse);
        log.warn(
            "The fingerprint key Secret {}/{} was gone; made it again with the key in use ({})",
            namespace,
            secretName,
            inUse.id());
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        existing = secrets().get();
      }
    }
    FingerprintKey shared = keyFrom(existing, false);
    if (!shared.id().equals(inUse.id())) {
      log.warn(
          "The fingerprint key in Secret {}/{} is now {} (was {}): every replica uses it; each"
              + " permanent password recorded under the old key is set once more",
          namespace,
          secretName,
          shared.id(),
          inUse.id());
      fingerprinter.use(shared);
    }
  }

  private void create(FingerprintKey key) {
    secrets()
        .create(
            new SecretBuilder()
                .withNewMetadata()
                .withName(secretName)
                .withNamespace(namespace)
                .addToLabels("app.kubernetes.io/name", "cognito-user-operator")
                .addToLabels("app.kubernetes.io/component", "fingerprint-key")
                .endMetadata()
                .withType("Opaque")
                .withData(Map.of(DATA_KEY, Base64.getEncoder().encodeToString(key.encoded())))
                .build());
  }

  private io.fabric8.kubernetes.client.dsl.Resource<Secret> secrets() {
    return client.secrets().inNamespace(namespace).withName(secretName);
  }

  private FingerprintKey keyFrom(Secret secret) {
    return keyFrom(secret, true);
  }

  private FingerprintKey keyFrom(Secret secret, boolean announce) {
    String encoded = secret.getData() == null ? null : secret.getData().get(DATA_KEY);
    if (encoded == null) {
      throw new IllegalStateException(
          "Secret " + namespace + "/" + secretName + " has no key '" + DATA_KEY + "'");
    }
    FingerprintKey key = new FingerprintKey(Base64.getDecoder().decode(encoded));
    if (announce) {
      log.info("Using fingerprint key {} from Secret {}/{}", key.id(), namespace, secretName);
    }
    return key;
  }
}
