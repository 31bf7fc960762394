package dev.cutover.parity.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** CloudFront is global: its clients use the partition's global region, not the bucket's. */
class AwsAccountsTest {

  @Test
  void cloudfront_is_reached_in_the_partitions_global_region() {
    assertThat(AwsAccounts.cloudFrontRegion("eu-west-1")).isEqualTo(Region.AWS_GLOBAL);
    assertThat(AwsAccounts.cloudFrontRegion("us-east-1")).isEqualTo(Region.AWS_GLOBAL);
    assertThat(AwsAccounts.cloudFrontRegion("cn-northwest-1")).isEqualTo(Region.AWS_CN_GLOBAL);
  }
}
