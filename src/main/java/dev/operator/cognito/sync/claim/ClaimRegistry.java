package dev.operator.cognito.sync.claim;

import dev.operator.cognito.api.CognitoUser;
import java.util.List;

/** The other CognitoUsers whose claims on a Cognito user are live now. */
@FunctionalInterface
public interface ClaimRegistry {

  ClaimRegistry NONE = (self, identity) -> List.of();

  /**
   * CognitoUsers other than {@code self} whose sealed claim names {@code identity}, was made for
   * the target their spec names now, and whose namespace may still use the pool.
   */
  List<CognitoUser> liveClaimants(CognitoUser self, String identity);
}
