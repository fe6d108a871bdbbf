package dev.operator.cognito.sync.check;

import dev.operator.cognito.api.CognitoUser;
import dev.operator.cognito.api.CognitoUserSpec;
import dev.operator.cognito.api.CreationPolicy;
import dev.operator.cognito.api.DeletionPolicy;
import dev.operator.cognito.api.ReadyReason;
import dev.operator.cognito.aws.RegionPolicy;
import dev.operator.cognito.aws.UserTarget;
import dev.operator.cognito.grants.GrantPermissions;
import dev.operator.cognito.grants.PoolAccess;
import dev.operator.cognito.sync.pass.Refusal;
import java.util.Optional;

/**
 * Everything decided before any call: the spec is whole, its region is one the operator may call,
 * the administrators' grants let its namespace manage its pool, and the spec asks for nothing the
 * grants do not allow. Yields the user's target, with the role its grant names.
 */
public final class TargetCheck {

  /**
   * The target and what the grants allow there, or why there is none; a refusal by what the grants
   * allow (not by whether they give the pool) still names the target.
   */
  public record Result(
      Optional<UserTarget> target, Optional<Refusal> refusal, GrantPermissions permissions) {}

  private final RegionPolicy regions;
  private final PoolAccessCheck poolAccess;

  public TargetCheck(RegionPolicy regions, PoolAccessCheck poolAccess) {
    this.regions = regions;
    this.poolAccess = poolAccess;
  }

  public Result check(CognitoUser user) {
    CognitoUserSpec spec = user.getSpec();
    Optional<Refusal> specProblem = SpecCheck.check(spec);
    if (specProblem.isPresent()) {
      // only an API server without the CRD's schema lets most of these through
      return refused(specProblem.get());
    }
    // the AWS and grants layers speak their own vocabularies; here, once, they become refusals
    Optional<RegionPolicy.Violation> region =
        regions.violation(spec.getRegion(), spec.getUserPoolId());
    if (region.isPresent()) {
      // decided before any call: the region picks the host that would receive the password
      ReadyReason reason =
          region.get().problem() == RegionPolicy.Problem.MISMATCH
              ? ReadyReason.RegionMismatch
              : ReadyReason.RegionNotAllowed;
      return refused(Refusal.needsChange(reason, region.get().message()));
    }
    PoolAccess access = poolAccess.accessFor(user);
    if (access instanceof PoolAccess.Refused refusedPool) {
      // the administrators' grants decide, before any call of any kind
      return refused(Refusal.needsChange(refusedPool.reason(), refusedPool.message()));
    }
    PoolAccess.Allowed allowed = (PoolAccess.Allowed) access;
    String namespace = user.getMetadata().getNamespace();
    UserTarget target =
        UserTarget.of(spec.getRegion(), spec.getUserPoolId(), spec.getUsername())
            .as(allowed.roleArn().map(arn -> UserTarget.AssumedRole.forNamespace(arn, namespace)));
    GrantPermissions permissions = allowed.permissions();
    return new Result(
        Optional.of(target), forbidden(spec, permissions, namespace, target), permissions);
  }

  /** The first thing the spec asks for that the grants do not allow, named by the grant field. */
  private static Optional<Refusal> forbidden(
      CognitoUserSpec spec, GrantPermissions permissions, String namespace, UserTarget target) {
    String grants =
        "the UserPoolGrants that give namespace "
            + namespace
            + " pool "
            + target.userPoolId()
            + " ("
            + permissions.grants()
            + ")";
    if (spec.deletionPolicyOrDefault() == DeletionPolicy.Delete && !permissions.allowDeletion()) {
      return forbidden(
          grants
              + " do not set allowDeletion: true, so spec.deletionPolicy Delete is refused; use"
              + " Retain or ask an administrator");
    }
    if (spec.allowsFederatedUser() && !permissions.allowFederatedUsers()) {
      return forbidden(
          grants + " do not set allowFederatedUsers: true, so spec.allowFederatedUser is refused");
    }
    Optional<String> group = permissions.firstGroupNotAllowed(spec.groupsOrEmpty());
    if (group.isPresent()) {
      return forbidden(
          grants
              + " do not allow group "
              + group.get()
              + " in allowedGroups "
              + permissions.allowedGroups()
              + ", so spec.groups is refused");
    }
    if (spec.creationPolicyOrDefault() == CreationPolicy.Never && !permissions.allowAdoption()) {
      return forbidden(
          grants
              + " set allowAdoption: false, so only users the operator creates may be managed,"
              + " and spec.creationPolicy Never is refused");
    }
    return Optional.empty();
  }

  private static Optional<Refusal> forbidden(String message) {
    return Optional.of(Refusal.needsChange(ReadyReason.ForbiddenByGrant, message));
  }

  private static Result refused(Refusal refusal) {
    return new Result(Optional.empty(), Optional.of(refusal), GrantPermissions.UNRESTRICTED);
  }
}
