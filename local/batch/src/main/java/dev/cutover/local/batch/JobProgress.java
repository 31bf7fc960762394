package dev.cutover.local.batch;

/**
 * Where a local Batch Operations job stands, for a progress bar: S3's status name and the task
 * counts DescribeJob reports.
 *
 * @param jobId the job
 * @param status S3's status name: {@code New}, {@code Suspended}, {@code Preparing}, {@code
 *     Active}, {@code Completing}, {@code Complete}, {@code Cancelling}, {@code Cancelled}, {@code
 *     Failing}, {@code Failed}
 * @param totalTasks tasks in the job; 0 until the manifest is read
 * @param succeededTasks tasks that succeeded so far
 * @param failedTasks tasks that failed so far (after their retries)
 */
public record JobProgress(String jobId, String status, long totalTasks, long succeededTasks, long failedTasks) {

  /** Whether the job has ended: {@code Complete}, {@code Failed} or {@code Cancelled}. */
  public boolean finished() {
    return status.equals("Complete") || status.equals("Failed") || status.equals("Cancelled");
  }
}
