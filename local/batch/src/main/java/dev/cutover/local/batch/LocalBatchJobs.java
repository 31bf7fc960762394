package dev.cutover.local.batch;

import dev.cutover.backfill.aws.S3ControlBatchJobs;
import dev.cutover.backfill.port.BatchJob;
import dev.cutover.backfill.port.BatchJobs;
import dev.cutover.backfill.port.ReplicationJobSpec;

/**
 * The backfill's {@link BatchJobs} port on the local Batch Operations: the AWS adapter ({@link
 * S3ControlBatchJobs}) over {@link LocalS3Control}, so the request it builds, the statuses and
 * counts it maps and the errors it translates (an {@code IdempotencyException} becomes the
 * precondition failure the workflow catches) are the ones that run on AWS.
 */
public final class LocalBatchJobs implements BatchJobs {

  private final BatchJobs delegate;

  public LocalBatchJobs(LocalBatchOperations batch) {
    this.delegate = new S3ControlBatchJobs(new LocalS3Control(batch));
  }

  @Override
  public String createReplicationJob(ReplicationJobSpec spec) {
    return delegate.createReplicationJob(spec);
  }

  @Override
  public BatchJob describeJob(String accountId, String jobId) {
    return delegate.describeJob(accountId, jobId);
  }
}
