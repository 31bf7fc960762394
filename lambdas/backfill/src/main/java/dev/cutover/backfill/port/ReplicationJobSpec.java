package dev.cutover.backfill.port;

import java.util.List;
import java.util.Objects;

/**
 * An S3 Batch Replication job whose manifest S3 generates from the source bucket.
 *
 * @param accountId the account that owns the source bucket and runs the job
 * @param clientRequestToken idempotency token: the same token always names the same job
 * @param description shown in the S3 console's Batch Operations list
 * @param roleArn the role S3 Batch Operations assumes to replicate the objects
 * @param priority job priority; higher runs first
 * @param sourceBucketArn the bucket whose objects are replicated
 * @param keyPrefix only keys under this prefix; {@code null} for the whole bucket
 * @param replicationStatuses only objects whose replication status is one of these
 * @param reportBucketArn where the generated manifest and the completion report go
 * @param reportBucketOwner the account that must own the report bucket, or the job fails
 * @param manifestPrefix key prefix of the generated manifest
 * @param reportPrefix key prefix of the completion report, without a trailing slash: S3 writes it
 *     at {@code <reportPrefix>/job-<job id>/}
 */
public record ReplicationJobSpec(
    String accountId,
    String clientRequestToken,
    String description,
    String roleArn,
    int priority,
    String sourceBucketArn,
    String keyPrefix,
    List<ObjectReplicationStatus> replicationStatuses,
    String reportBucketArn,
    String reportBucketOwner,
    String manifestPrefix,
    String reportPrefix) {

  public ReplicationJobSpec {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(clientRequestToken, "clientRequestToken");
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(sourceBucketArn, "sourceBucketArn");
    Objects.requireNonNull(reportBucketArn, "reportBucketArn");
    replicationStatuses = List.copyOf(replicationStatuses);
  }
}
