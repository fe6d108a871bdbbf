package dev.operator.cognito.controller.cache;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The informer's store for Secrets, which keeps no Secret's data: the operator watches every Secret
 * in the namespaces it serves (to notice a change at once), but holds none of their values, neither
 * {@code data} nor the copy in kubectl's last-applied-configuration annotation. What it keeps of
 * the data is a MAC under a key that lives only in this process, enough to tell whether the data
 * changed; the referenced Secret itself is read from the API server when a CognitoUser is
 * reconciled. It keeps only the Secrets some CognitoUser references: every other Secret passes
 * through (its event still reaches the mapper, which finds no user) and costs no memory, so one
 * tenant's 20,000 unrelated Secrets do not grow the heap, and a heap dump holds no tenant's
 * secrets.
 */
public final class SecretsWithoutData implements ItemStore<Secret> {

  static final String DATA_MAC = "cognito.operator.dev/data-mac";
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private final BasicItemStore<Secret> store = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);
  private final SecretKeySpec key;
  // until the CognitoUsers are known every Secret is kept; see keepOnly
  private volatile Predicate<Secret> referenced = secret -> true;

  public SecretsWithoutData() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    key = new SecretKeySpec(random, "HmacSHA256");
  }

  /** Whether a Secret's data differs from what the store saw of it. */
  public boolean dataChanged(Secret updated, Secret stored) {
    String before =
        stored.getMetadata().getAnnotations() == null
            ? null
            : stored.getMetadata().getAnnotations().get(DATA_MAC);
    return !mac(updated).equals(before);
  }

  /**
   * From now on, keeps only the Secrets that {@code referenced} accepts. A Secret that is not kept
   * is not in the informer's cache, so the reconciler reads a Secret from the API server whether or
   * not the cache has it; once a CognitoUser references it, its next event keeps it.
   */
  public void keepOnly(Predicate<Secret> referenced) {
    this.referenced = referenced;
  }

  @Override
  public Secret put(String k, Secret secret) {
    if (!referenced.test(secret)) {
      // what was kept goes, so the cache's indexes forget it along with the store
      return store.remove(k);
    }
    return store.put(k, withoutData(secret));
  }

  private Secret withoutData(Secret secret) {
    if (secret.getMetadata().getAnnotations() != null
        && secret.getMetadata().getAnnotations().containsKey(DATA_MAC)
        && secret.getData() == null) {
      return secret;
    }
    Map<String, String> annotations =
        new HashMap<>(
            secret.getMetadata().getAnnotations() == null
                ? Map.of()
                : secret.getMetadata().getAnnotations());
    annotations.remove(LAST_APPLIED);
    annotations.put(DATA_MAC, mac(secret));
    return new SecretBuilder()
        .withMetadata(
            new ObjectMetaBuilder()
                .withName(secret.getMetadata().getName())
                .withNamespace(secret.getMetadata().getNamespace())
                .withUid(secret.getMetadata().getUid())
                .withResourceVersion(secret.getMetadata().getResourceVersion())
                .withLabels(secret.getMetadata().getLabels())
                .withAnnotations(annotations)
                .build())
        .withType(secret.getType())
        .build();
  }

  private String mac(Secret secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      Map<String, String> data =
          new TreeMap<>(secret.getData() == null ? Map.of() : secret.getData());
      for (Map.Entry<String, String> entry : data.entrySet()) {
        mac.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        mac.update(entry.getValue().getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
      }
      return Base64.getEncoder().encodeToString(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  @Override
  public String getKey(Secret secret) {
    return store.getKey(secret);
  }

  /**
   * A Secret that was never kept is returned as a name-only stand-in: the informer's cache puts
   * every key it is given into its namespace index and removes it only when the store returns what
   * it removed, so answering null for a Secret let through would leak its key there forever.
   */
  @Override
  public Secret remove(String k) {
    Secret removed = store.remove(k);
    return removed != null ? removed : nameOnly(k);
  }

  private static Secret nameOnly(String k) {
    int slash = k.indexOf('/');
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(slash < 0 ? null : k.substring(0, slash))
        .withName(k.substring(slash + 1))
        .endMetadata()
        .build();
  }

  @Override
  public Stream<String> keySet() {
    return store.keySet();
  }

  @Override
  public Stream<Secret> values() {
    return store.values();
  }

  @Override
  public int size() {
    return store.size();
  }

  @Override
  public Secret get(String k) {
    return store.get(k);
  }

  /** It holds Secrets without their data: not what the API server has. */
  @Override
  public boolean isFullState() {
    return false;
  }
}
