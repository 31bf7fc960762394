package dev.cutover.preflight.port;

import java.util.Objects;

/**
 * Which bucket to inspect, and as whom.
 *
 * @param bucket the bucket name
 * @param region the bucket's region, as the plan gives it
 * @param roleArn the role to assume for it (the plan's {@code roleArn} of that side)
 * @param sessionName who is calling, for CloudTrail (the migration id)
 * @param expectedOwner the account that must own the bucket, sent as {@code
 *     x-amz-expected-bucket-owner} so a same-named bucket in another account is refused
 */
public record BucketRef(String bucket, String region, String roleArn, String sessionName, String expectedOwner) {

  public BucketRef {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(region, "region");
  }

  /** {@code s3://bucket}, as findings name it. */
  public String uri() {
    return "s3://" + bucket;
  }
}
