package dev.operator.cognito.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.aws.RegionPolicy.Violation;
import java.util.Set;
import org.junit.jupiter.api.Test;

public class RegionPolicyTest {

  private final RegionPolicy anyAwsRegion = RegionPolicy.of(Set.of());

  @Test
  void regionsTheSdkKnowsAreAccepted() {
    assertThat(anyAwsRegion.violation(null, "us-west-2_AbC123")).isEmpty();
    assertThat(anyAwsRegion.violation("eu-central-1", "eu-central-1_AbC123")).isEmpty();
    assertThat(anyAwsRegion.violation("ap-southeast-2", "NoPrefix")).isEmpty();
  }

  @Test
  void aNameThatIsNoAwsRegionIsRefusedWhereverItComesFrom() {
    assertThat(anyAwsRegion.violation("s3", "NoPrefix").map(Violation::problem))
        .contains(RegionPolicy.Problem.NOT_ALLOWED);
    assertThat(anyAwsRegion.violation(null, "s3_AbC123").map(Violation::message))
        .hasValueSatisfying(
            m -> assertThat(m).contains("userPoolId").contains("not an AWS region"));
    assertThat(anyAwsRegion.violation(null, "aws-global_AbC123")).isPresent();
    assertThat(anyAwsRegion.violation(null, "evil.example.com_AbC123")).isPresent();
  }

  @Test
  void theRegionAndThePoolsPrefixMustAgree() {
    assertThat(anyAwsRegion.violation("us-east-1", "us-west-2_AbC123").map(Violation::problem))
        .contains(RegionPolicy.Problem.MISMATCH);
  }

  @Test
  void allowedRegionsNarrowTheChoice() {
    RegionPolicy europe = RegionPolicy.of(Set.of("eu-west-1", "eu-central-1"));

    assertThat(europe.violation(null, "eu-west-1_AbC123")).isEmpty();
    assertThat(europe.violation(null, "us-west-2_AbC123").map(Violation::message))
        .hasValueSatisfying(m -> assertThat(m).contains("ALLOWED_REGIONS"));
  }

  @Test
  void withoutAnyRegionTheSdksDefaultChainDecides() {
    assertThat(anyAwsRegion.violation(null, "NoPrefix")).isEmpty();
    assertThat(RegionPolicy.of(Set.of("eu-west-1")).violation(" ", "NoPrefix")).isEmpty();
  }
}
