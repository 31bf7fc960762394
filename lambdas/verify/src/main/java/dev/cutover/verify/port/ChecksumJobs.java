package dev.cutover.verify.port;

/**
 * S3 Batch Operations in one account, as far as the checksum comparison needs it: create a
 * Compute checksum job, read a job's state.
 */
public interface ChecksumJobs {

  /**
   * Creates the job, or returns the job S3 already created for the same client request token, so
   * a retried call never makes a second job.
   *
   * @return the job id
   */
  String createComputeChecksumJob(ChecksumJobSpec spec);

  /** The job's status, task counts, operation and report location. */
  ChecksumJob describeJob(String accountId, String jobId);
}
