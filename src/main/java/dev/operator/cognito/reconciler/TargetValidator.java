package dev.operator.cognito.reconciler;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.cognito.RegionPolicy;
import dev.operator.cognito.cognito.UserTarget;
import dev.operator.cognito.grants.PoolAccess;
import java.util.Optional;

/**
 * Everything decided before any call: the spec is whole, its region is one the operator may call,
 * and the administrators' grants let its namespace manage its pool. Yields the user's target, with
 * the role its grant names.
 */
final class TargetValidator {

  /** Either the target, or why there is none. */
  record Result(Optional<UserTarget> target, Optional<Refusal> refusal) {}

  private final RegionPolicy regions;
  private final PoolAccessCheck poolAccess;

  TargetValidator(RegionPolicy regions, PoolAccessCheck poolAccess) {
    this.regions = regions;
    this.poolAccess = poolAccess;
  }

  Result check(CognitoUser user) {
    CognitoUserSpec spec = user.getSpec();
    Optional<String> specProblem = SpecCheck.problemWith(spec);
    if (specProblem.isPresent()) {
      // only an API server without the CRD's schema lets most of these through
      return refused(Refusal.needsChange(ReadyReason.InvalidSpec, specProblem.get()));
    }
    Optional<RegionPolicy.Refusal> region = regions.refusal(spec.getRegion(), spec.getUserPoolId());
    if (region.isPresent()) {
      // decided before any call: the region picks the host that would receive the password
      return refused(Refusal.needsChange(region.get().reason(), region.get().message()));
    }
    PoolAccess access = poolAccess.accessFor(user);
    if (access instanceof PoolAccess.Refused refusedPool) {
      // the administrators' grants decide, before any call of any kind
      return refused(Refusal.needsChange(refusedPool.reason(), refusedPool.message()));
    }
    String namespace = user.getMetadata().getNamespace();
    UserTarget target =
        UserTarget.of(spec.getRegion(), spec.getUserPoolId(), spec.getUsername())
            .as(
                ((PoolAccess.Allowed) access)
                    .roleArn()
                    .map(arn -> UserTarget.AssumedRole.forNamespace(arn, namespace)));
    return new Result(Optional.of(target), Optional.empty());
  }

  private static Result refused(Refusal refusal) {
    return new Result(Optional.empty(), Optional.of(refusal));
  }
}
