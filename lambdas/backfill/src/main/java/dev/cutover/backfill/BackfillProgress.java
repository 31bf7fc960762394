package dev.cutover.backfill;

import dev.cutover.backfill.port.BatchJob.JobFailure;
import java.util.List;

/**
 * Where a backfill job stands, for the workflow's Choice and for progress bars.
 *
 * @param jobId the job
 * @param jobStatus S3's own status name
 * @param outcome what the Choice branches on
 * @param totalTasks objects in the job (0 while S3 still generates the manifest)
 * @param succeededTasks objects replicated so far
 * @param failedTasks objects whose replication failed so far
 * @param failureReasons why the job as a whole failed, at most {@value BackfillStep#MAX_FAILURE_REASONS}
 * @param statusUpdateReason why S3 last changed the status, when it says
 */
public record BackfillProgress(
    String jobId,
    String jobStatus,
    JobOutcome outcome,
    long totalTasks,
    long succeededTasks,
    long failedTasks,
    List<JobFailure> failureReasons,
    String statusUpdateReason) {}
