package dev.cutover.parity.port;

/**
 * A bucket and how to reach it.
 *
 * @param bucket the bucket name
 * @param region the bucket's region
 * @param roleArn the role to assume for it
 * @param sessionName the role session name (the migration id)
 * @param expectedOwner the account that must own the bucket (sent as {@code x-amz-expected-bucket-owner})
 */
public record BucketRef(String bucket, String region, String roleArn, String sessionName, String expectedOwner) {}
