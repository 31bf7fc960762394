package dev.cutover.verify.port;

import java.util.Objects;

/**
 * An S3 Batch Operations Compute checksum job over a CSV manifest cutover wrote.
 *
 * @param accountId the account that owns the bucket the manifest lists, and so runs the job
 * @param clientRequestToken idempotency token: the same token always names the same job
 * @param description shown in the S3 console's Batch Operations list (at most 256 characters)
 * @param roleArn the role S3 Batch Operations assumes to read the objects and the manifest and to
 *     write the report; a role of {@code accountId}
 * @param priority job priority; higher runs first
 * @param manifestObjectArn the manifest ({@code arn:aws:s3:::bucket/key}), fields {@code Bucket,
 *     Key}
 * @param manifestETag the manifest object's ETag, without quotes: S3 refuses a manifest whose ETag
 *     differs, so a manifest changed after the job was made is never read
 * @param checksumAlgorithm e.g. {@code CRC64NVME}
 * @param checksumType {@code FULL_OBJECT} or {@code COMPOSITE}
 * @param reportBucketArn where the completion report goes
 * @param reportBucketOwner the account that must own the report bucket, or the job fails
 * @param reportPrefix key prefix of the completion report, without a trailing slash: S3 writes it
 *     at {@code <reportPrefix>/job-<job id>/}
 */
public record ChecksumJobSpec(
    String accountId,
    String clientRequestToken,
    String description,
    String roleArn,
    int priority,
    String manifestObjectArn,
    String manifestETag,
    String checksumAlgorithm,
    String checksumType,
    String reportBucketArn,
    String reportBucketOwner,
    String reportPrefix) {

  public ChecksumJobSpec {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(clientRequestToken, "clientRequestToken");
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(manifestObjectArn, "manifestObjectArn");
    Objects.requireNonNull(manifestETag, "manifestETag");
    Objects.requireNonNull(reportBucketArn, "reportBucketArn");
  }
}
