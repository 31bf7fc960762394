package dev.cutover.backfill.port;

import java.util.List;

/**
 * A Batch Operations job as DescribeJob reports it.
 *
 * @param jobId the job
 * @param status S3's status name, e.g. {@code Active}, {@code Complete}
 * @param totalTasks tasks in the job (0 while S3 is still generating the manifest)
 * @param succeededTasks tasks that succeeded so far
 * @param failedTasks tasks that failed so far
 * @param failureReasons why the job itself failed, if it did
 * @param statusUpdateReason why the status last changed, if S3 says
 */
public record BatchJob(
    String jobId,
    String status,
    long totalTasks,
    long succeededTasks,
    long failedTasks,
    List<JobFailure> failureReasons,
    String statusUpdateReason) {

  public BatchJob {
    failureReasons = List.copyOf(failureReasons);
  }

  /** One reason a job failed as a whole (not one task). */
  public record JobFailure(String code, String reason) {}
}
