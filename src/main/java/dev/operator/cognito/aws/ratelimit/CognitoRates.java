package dev.operator.cognito.aws.ratelimit;

/**
 * The most calls per second the operator makes in each quota category, per AWS account (or assumed
 * role) and region. The defaults stay below AWS's default quotas, leaving room for the pool's own
 * traffic.
 *
 * @param passwordChanges AdminSetUserPassword
 * @param reads AdminGetUser, and AdminListGroupsForUser on a limiter of its own
 * @param creations AdminCreateUser
 * @param updates attribute changes, enable, disable and delete
 * @param groupChanges AdminAddUserToGroup and AdminRemoveUserFromGroup
 */
public record CognitoRates(
    double passwordChanges, double reads, double creations, double updates, double groupChanges) {

  /** DescribeUserPool is made once per pool an hour: a fixed, low rate is enough. */
  static final double POOL_READS = 5;

  public double perSecond(QuotaCategory category) {
    return switch (category) {
      case PASSWORD_CHANGE -> passwordChanges;
      case USER_READ, USER_RESOURCE_READ -> reads;
      case USER_CREATION -> creations;
      case USER_UPDATE -> updates;
      case GROUP_CHANGE -> groupChanges;
      case USER_POOL_READ -> POOL_READS;
    };
  }
}
