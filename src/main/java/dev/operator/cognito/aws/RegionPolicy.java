package dev.operator.cognito.aws;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;

/**
 * Where a request carrying a password may be sent. The region comes from the tenant's spec ({@code
 * spec.region}, or the pool id's prefix), and the SDK builds the host name from it: {@code region:
 * s3} would sign the password for an S3 host. So only regions the AWS SDK knows are accepted,
 * optionally narrowed by the operator's {@code ALLOWED_REGIONS}; and when both the region and the
 * pool id's prefix are given they must agree. A refused target is never called, and since only
 * known regions get clients, limiters and metric series, those stay bounded whatever tenants write.
 */
public final class RegionPolicy {

  private static final Set<String> KNOWN =
      Region.regions().stream()
          .map(Region::id)
          // the partitions' global endpoints (aws-global, ...) serve no user pools
          .filter(id -> !id.startsWith("aws-"))
          .collect(Collectors.toCollection(TreeSet::new));

  private final Set<String> allowed;

  private RegionPolicy(Set<String> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  /** Every region the SDK knows, or only {@code allowed} if it is not empty. */
  public static RegionPolicy of(Set<String> allowed) {
    return new RegionPolicy(allowed.isEmpty() ? KNOWN : allowed);
  }

  public static boolean isKnown(String region) {
    return KNOWN.contains(region);
  }

  /** Why requests for this user may not be sent, if they may not. */
  public Optional<Violation> violation(String specRegion, String userPoolId) {
    Optional<String> explicit = Optional.ofNullable(specRegion).filter(r -> !r.isBlank());
    Optional<String> prefix = UserTarget.regionPrefixOf(userPoolId);
    if (explicit.isPresent() && prefix.isPresent() && !explicit.get().equals(prefix.get())) {
      return Optional.of(
          new Violation(
              Problem.MISMATCH,
              "spec.region '"
                  + explicit.get()
                  + "' does not match the region of pool "
                  + userPoolId
                  + " ('"
                  + prefix.get()
                  + "'): a pool lives in one region"));
    }
    Optional<String> region = explicit.or(() -> prefix);
    if (region.isPresent() && !allowed.contains(region.get())) {
      String which = explicit.isPresent() ? "spec.region" : "the prefix of spec.userPoolId";
      String why =
          isKnown(region.get())
              ? "the operator is limited to ALLOWED_REGIONS " + allowed
              : "it is not an AWS region";
      return Optional.of(
          new Violation(
              Problem.NOT_ALLOWED,
              "region '" + region.get() + "' (from " + which + ") is refused: " + why));
    }
    return Optional.empty();
  }

  /** What is wrong with the region; the caller chooses the status reason. */
  public enum Problem {
    /** spec.region and the pool id's prefix disagree. */
    MISMATCH,
    /** Not a region the SDK knows, or not in ALLOWED_REGIONS. */
    NOT_ALLOWED
  }

  public record Violation(Problem problem, String message) {}
}
