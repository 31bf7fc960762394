package dev.cutover.logscan.port;

import java.util.Objects;

/**
 * Which bucket to write to, and as whom.
 *
 * @param bucket the bucket name
 * @param region the bucket's region
 * @param roleArn the role to assume for it; {@code null} for the function's own credentials
 * @param sessionName who is calling, for CloudTrail (the migration id)
 * @param expectedOwner the account that must own the bucket (sent as {@code
 *     x-amz-expected-bucket-owner}, so a bucket re-created under another account is refused);
 *     {@code null} when unknown
 */
public record BucketRef(String bucket, String region, String roleArn, String sessionName, String expectedOwner) {

  public BucketRef {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(region, "region");
  }
}
