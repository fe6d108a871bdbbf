package dev.operator.cognito.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operator.cognito.aws.RegionPolicy.Refusal;
import java.util.Set;
import org.junit.jupiter.api.Test;

public class RegionPolicyTest {

  private final RegionPolicy anyAwsRegion = RegionPolicy.of(Set.of());

  @Test
  void regionsTheSdkKnowsAreAccepted() {
    assertThat(anyAwsRegion.refusal(null, "us-west-2_AbC123")).isEmpty();
    assertThat(anyAwsRegion.refusal("eu-central-1", "eu-central-1_AbC123")).isEmpty();
    assertThat(anyAwsRegion.refusal("ap-southeast-2", "NoPrefix")).isEmpty();
  }

  @Test
  void aNameThatIsNoAwsRegionIsRefusedWhereverItComesFrom() {
    assertThat(anyAwsRegion.refusal("s3", "NoPrefix").map(Refusal::problem))
        .contains(RegionPolicy.Problem.NOT_ALLOWED);
    assertThat(anyAwsRegion.refusal(null, "s3_AbC123").map(Refusal::message))
        .hasValueSatisfying(
            m -> assertThat(m).contains("userPoolId").contains("not an AWS region"));
    assertThat(anyAwsRegion.refusal(null, "aws-global_AbC123")).isPresent();
    assertThat(anyAwsRegion.refusal(null, "evil.example.com_AbC123")).isPresent();
  }

  @Test
  void theRegionAndThePoolsPrefixMustAgree() {
    assertThat(anyAwsRegion.refusal("us-east-1", "us-west-2_AbC123").map(Refusal::problem))
        .contains(RegionPolicy.Problem.MISMATCH);
  }

  @Test
  void allowedRegionsNarrowTheChoice() {
    RegionPolicy europe = RegionPolicy.of(Set.of("eu-west-1", "eu-central-1"));

    assertThat(europe.refusal(null, "eu-west-1_AbC123")).isEmpty();
    assertThat(europe.refusal(null, "us-west-2_AbC123").map(Refusal::message))
        .hasValueSatisfying(m -> assertThat(m).contains("ALLOWED_REGIONS"));
  }

  @Test
  void withoutAnyRegionTheSdksDefaultChainDecides() {
    assertThat(anyAwsRegion.refusal(null, "NoPrefix")).isEmpty();
    assertThat(RegionPolicy.of(Set.of("eu-west-1")).refusal(" ", "NoPrefix")).isEmpty();
  }
}
