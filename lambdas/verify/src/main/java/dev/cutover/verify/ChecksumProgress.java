package dev.cutover.verify;

import dev.cutover.verify.port.ChecksumJob.JobFailure;
import java.util.List;

/**
 * Where both Compute checksum jobs stand, for the workflow's Choice and for progress bars.
 *
 * @param outcome both jobs together: {@code FAILED} when either failed, {@code RUNNING} while
 *     either runs, else {@code SUCCEEDED} (then COMPARE)
 * @param source blue's job
 * @param target green's job
 */
public record ChecksumProgress(ChecksumJobOutcome outcome, Job source, Job target) {

  /**
   * One job.
   *
   * @param jobId the job
   * @param jobStatus S3's own status name
   * @param outcome what the status means for the workflow
   * @param totalTasks objects in the job
   * @param succeededTasks checksums computed so far
   * @param failedTasks objects whose checksum could not be computed so far
   * @param failureReasons why the job as a whole failed, at most {@value ChecksumStep#MAX_FAILURE_REASONS}
   * @param statusUpdateReason why S3 last changed the status, when it says
   */
  public record Job(
      String jobId,
      String jobStatus,
      ChecksumJobOutcome outcome,
      long totalTasks,
      long succeededTasks,
      long failedTasks,
      List<JobFailure> failureReasons,
      String statusUpdateReason) {}
}
