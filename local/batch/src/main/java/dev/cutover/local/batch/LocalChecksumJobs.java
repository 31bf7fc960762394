package dev.cutover.local.batch;

import dev.cutover.verify.aws.S3ControlChecksumJobs;
import dev.cutover.verify.port.ChecksumJob;
import dev.cutover.verify.port.ChecksumJobSpec;
import dev.cutover.verify.port.ChecksumJobs;

/**
 * The checksum comparison's {@link ChecksumJobs} port on the local Batch Operations: the AWS
 * adapter ({@link S3ControlChecksumJobs}) over {@link LocalS3Control}, so the Compute checksum
 * request, the description the comparison checks (operation, algorithm, manifest, report
 * location) and the error translation are the ones that run on AWS.
 */
public final class LocalChecksumJobs implements ChecksumJobs {

  private final ChecksumJobs delegate;

  public LocalChecksumJobs(LocalBatchOperations batch) {
    this.delegate = new S3ControlChecksumJobs(new LocalS3Control(batch));
  }

  @Override
  public String createComputeChecksumJob(ChecksumJobSpec spec) {
    return delegate.createComputeChecksumJob(spec);
  }

  @Override
  public ChecksumJob describeJob(String accountId, String jobId) {
    return delegate.describeJob(accountId, jobId);
  }
}
