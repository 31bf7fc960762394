package dev.cutover.backfill.port;

/** S3 Batch Operations, as far as the backfill needs it: create a replication job, read its state. */
public interface BatchJobs {

  /**
   * Creates the job, or returns the job S3 already created for the same client request token, so a
   * retried call never makes a second job.
   *
   * @return the job id
   */
  String createReplicationJob(ReplicationJobSpec spec);

  /** The job's current status and task counts. */
  BatchJob describeJob(String accountId, String jobId);
}
