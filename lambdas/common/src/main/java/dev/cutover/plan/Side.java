package dev.cutover.plan;

/**
 * One side of the migration: blue (the source, in the old account) or green (the target, in the
 * new account).
 *
 * @param accountId the 12-digit AWS account that owns the bucket and the distribution
 * @param region the bucket's region, e.g. {@code eu-west-1}
 * @param bucket the bucket name
 * @param prefix optional key prefix; only keys under it are migrated and verified. S3
 *     replication keeps keys unchanged, so the target's prefix equals the source's (omit it on the
 *     target to inherit)
 * @param distributionId the CloudFront distribution serving the bucket, e.g. {@code E2QWRUHAPOMQZL}
 * @param kmsKeyArn optional customer managed KMS key that encrypts the bucket's objects
 * @param roleArn the IAM role cutover assumes in this account
 */
public record Side(
    @Required String accountId,
    @Required String region,
    @Required String bucket,
    String prefix,
    @Required String distributionId,
    String kmsKeyArn,
    @Required String roleArn) {

  /** The prefix filter, or the empty string for the whole bucket. */
  public String prefixOrEmpty() {
    return prefix == null ? "" : prefix;
  }
}
