package dev.operator.cognito.controller.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class SecretsWithoutDataTest {

  private final SecretsWithoutData store = new SecretsWithoutData();

  @Test
  void noDataAndNoLastAppliedCopyOfItIsKept() {
    store.put("team-a/pw", secret(Map.of("password", "c2VjcmV0"), Map.of("owner", "a")));

    Secret kept = store.get("team-a/pw");
    assertThat(kept.getData()).isNullOrEmpty();
    assertThat(kept.getStringData()).isNullOrEmpty();
    assertThat(kept.getMetadata().getAnnotations())
        .doesNotContainKey("kubectl.kubernetes.io/last-applied-configuration")
        .containsKey(SecretsWithoutData.DATA_MAC);
    assertThat(kept.getMetadata().getAnnotations().values()).noneMatch(v -> v.contains("c2VjcmV0"));
    assertThat(kept.getMetadata().getLabels()).containsEntry("owner", "a");
    assertThat(kept.getMetadata().getName()).isEqualTo("pw");
  }

  @Test
  void aChangeOfDataIsToldFromAChangeOfLabels() {
    store.put("team-a/pw", secret(Map.of("password", "c2VjcmV0"), Map.of()));
    Secret stored = store.get("team-a/pw");

    assertThat(store.dataChanged(secret(Map.of("password", "c2VjcmV0"), Map.of("x", "y")), stored))
        .isFalse();
    assertThat(store.dataChanged(secret(Map.of("password", "bmV3"), Map.of()), stored)).isTrue();
    assertThat(
            store.dataChanged(
                secret(Map.of("password", "c2VjcmV0", "other", "eA=="), Map.of()), stored))
        .isTrue();
  }

  @Test
  void theMacIsNotAPlainHashThatAnotherProcessCouldRecompute() {
    SecretsWithoutData other = new SecretsWithoutData();
    store.put("ns/a", secret(Map.of("password", "c2VjcmV0"), Map.of()));
    other.put("ns/a", secret(Map.of("password", "c2VjcmV0"), Map.of()));

    assertThat(store.get("ns/a").getMetadata().getAnnotations().get(SecretsWithoutData.DATA_MAC))
        .isNotEqualTo(
            other.get("ns/a").getMetadata().getAnnotations().get(SecretsWithoutData.DATA_MAC));
  }

  @Test
  void onlyReferencedSecretsAreKeptAndAStoppedReferenceLetsTheSecretGo() {
    store.put("team-a/pw", secret(Map.of("password", "c2VjcmV0"), Map.of()));
    store.keepOnly(secret -> "wanted".equals(secret.getMetadata().getLabels().get("ref")));

    // the cache must learn what it held, so that its indexes forget it too
    assertThat(store.put("team-a/pw", secret(Map.of("password", "bmV3"), Map.of()))).isNotNull();
    assertThat(store.get("team-a/pw")).isNull();
    assertThat(store.put("team-a/pw", secret(Map.of("password", "bmV3"), Map.of()))).isNull();
    assertThat(store.size()).isZero();

    store.put("team-a/pw", secret(Map.of("password", "bmV3"), Map.of("ref", "wanted")));
    assertThat(store.get("team-a/pw")).isNotNull();
    assertThat(store.size()).isOne();
  }

  @Test
  void removingASecretThatWasLetThroughNamesItSoTheCacheIndexForgetsItsKey() {
    store.keepOnly(secret -> false);
    store.put("team-a/pw", secret(Map.of("password", "c2VjcmV0"), Map.of()));

    Secret removed = store.remove("team-a/pw");

    assertThat(removed.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(removed.getMetadata().getName()).isEqualTo("pw");
    assertThat(removed.getData()).isNullOrEmpty();
  }

  private static Secret secret(Map<String, String> data, Map<String, String> labels) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("pw")
        .withNamespace("team-a")
        .withResourceVersion("1")
        .withLabels(labels)
        .withAnnotations(
            Map.of("kubectl.kubernetes.io/last-applied-configuration", "{\"data\":" + data + "}"))
        .endMetadata()
        .withData(data)
        .build();
  }
}
