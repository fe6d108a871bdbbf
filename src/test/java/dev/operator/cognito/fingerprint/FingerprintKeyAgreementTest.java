package dev.operator.cognito.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.support.KubernetesTestCluster;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replicas agree on the fingerprint key: a deleted key Secret is made again with the key in use
 * (nothing is written again), and a replaced one wins everywhere (one write per permanent password,
 * once).
 */
class FingerprintKeyAgreementTest {

  private static final String NS = "default";
  private static final String NAME = "cognito-user-operator-fingerprint-key";

  // in memory: a unit test of two stores racing on one Secret, which needs no schema, RBAC or
  // watch semantics, and the unit tests start no API server
  private final KubernetesTestCluster cluster = new KubernetesTestCluster();

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void aDeletedKeySecretIsMadeAgainWithTheKeyInUse() {
    FingerprintKeyStore store = store();
    PasswordFingerprinter fingerprinter = new PasswordFingerprinter(store.loadOrCreate());
    String before = fingerprinter.key().id();
    secret().delete();

    store.keepInAgreement(fingerprinter);

    assertThat(
            new FingerprintKeyStore(cluster.client(), NS, NAME, new SecureRandom())
                .loadOrCreate()
                .id())
        .as("what a replica starting now reads")
        .isEqualTo(before);
    assertThat(fingerprinter.key().id()).isEqualTo(before);
  }

  @Test
  void aReplacedKeyWinsInEveryReplica() {
    PasswordFingerprinter leader = new PasswordFingerprinter(store().loadOrCreate());
    String old = fingerprint(leader);
    // the Secret was deleted, and a replica that started meanwhile made a new key
    secret().delete();
    String replaced = store().loadOrCreate().id();

    store().keepInAgreement(leader);

    assertThat(leader.key().id()).isEqualTo(replaced);
    assertThat(leader.madeWithOtherKey(old)).as("records under the old key").isTrue();
    assertThat(leader.madeWithOtherKey(fingerprint(leader))).isFalse();
  }

  private FingerprintKeyStore store() {
    return new FingerprintKeyStore(cluster.client(), NS, NAME, new SecureRandom());
  }

  private io.fabric8.kubernetes.client.dsl.Resource<io.fabric8.kubernetes.api.model.Secret>
      secret() {
    return cluster.client().secrets().inNamespace(NS).withName(NAME);
  }

  private static String fingerprint(PasswordFingerprinter fingerprinter) {
    return fingerprinter.fingerprint(
        new PasswordFingerprinter.Subject("ns", "n", "us-east-1", "us-east-1_A", "u", true, "p"));
  }
}
