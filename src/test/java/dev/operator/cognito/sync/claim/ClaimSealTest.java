package dev.operator.cognito.sync.claim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserStatus;
import dev.operator.cognito.api.UserClaim;
import dev.operator.cognito.aws.ObservedUser;
import dev.operator.cognito.aws.UserTarget;
import dev.operator.cognito.fingerprint.FingerprintKey;
import dev.operator.cognito.fingerprint.PasswordFingerprinter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A claim counts only as the operator sealed it, for the CognitoUser it sealed it for. */
class ClaimSealTest {

  private static final UserTarget TARGET = UserTarget.of(null, "us-west-2_POOL", "alice");

  private final ClaimSeal seal =
      new ClaimSeal(new PasswordFingerprinter(new FingerprintKey(new byte[32])));

  @Test
  void aSealedClaimVerifiesAndAnyChangeToItOrToWhatItManagesDoesNot() {
    CognitoUser owner = resource("uid-1");
    seal.seal(owner, owner.getStatus());
    assertThat(seal.verifies(owner, owner.getStatus())).isTrue();

    List<Consumer<CognitoUserStatus>> forgeries =
        List.of(
            s -> s.getClaim().setOwnerSince("2020-01-01T00:00:00Z"),
            s -> s.getClaim().setSince("2020-01-01T00:00:00Z"),
            s -> s.getClaim().setCanonicalUsername("mallory"),
            s -> s.getClaim().setUser("v1:00000000:another"),
            s -> s.getClaim().setUsername("bob"),
            s -> s.getClaim().setUserPoolId("us-west-2_OTHER"),
            s -> s.setManagedGroups(List.of("admins")),
            s -> s.setManagedAttributes(List.of("email")));
    for (Consumer<CognitoUserStatus> forge : forgeries) {
      CognitoUserStatus forged = owner.getStatus().copy();
      forge.accept(forged);
      assertThat(seal.verifies(owner, forged)).isFalse();
    }
  }

  @Test
  void aClaimCopiedToAnotherCognitoUserDoesNotVerify() {
    CognitoUser owner = resource("uid-1");
    seal.seal(owner, owner.getStatus());
    CognitoUser copier = resource("uid-2");
    copier.setStatus(owner.getStatus().copy());

    assertThat(seal.verifies(copier, copier.getStatus())).isFalse();
  }

  @Test
  void theIdentityNamesTheUserBySubWithoutRevealingIt() {
    ObservedUser alice = user("alice", "sub-1");

    String identity = seal.identity(TARGET, alice);

    assertThat(identity).doesNotContain("sub-1").doesNotContain("alice");
    assertThat(
            seal.identity(UserTarget.of(null, "us-west-2_POOL", "ALICE"), user("alice", "sub-1")))
        .as("any spelling of the same user")
        .isEqualTo(identity);
    assertThat(seal.identity(TARGET, user("alice", "sub-2")))
        .as("a new user under the old name")
        .isNotEqualTo(identity);
    assertThat(seal.identity(UserTarget.of(null, "us-west-2_OTHER", "alice"), alice))
        .as("another pool")
        .isNotEqualTo(identity);
  }

  private CognitoUser resource(String uid) {
    CognitoUser user = new CognitoUser();
    user.getMetadata().setNamespace("team-a");
    user.getMetadata().setName("alice");
    user.getMetadata().setUid(uid);
    CognitoUserStatus status = new CognitoUserStatus();
    UserClaim claim =
        ClaimSeal.fresh(
            TARGET, seal.identity(TARGET, user("alice", "sub-1")), "2026-11-26T10:00:00Z");
    claim.setOwnerSince("2026-11-26T10:00:01Z");
    claim.setCanonicalUsername("alice");
    status.setClaim(claim);
    status.setManagedGroups(List.of("readers"));
    user.setStatus(status);
    return user;
  }

  private static ObservedUser user(String username, String sub) {
    return new ObservedUser(
        "CONFIRMED", username, Map.of("sub", sub), true, Optional.empty(), Optional.empty());
  }
}
