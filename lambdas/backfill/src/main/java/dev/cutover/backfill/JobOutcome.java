package dev.cutover.backfill;

/** What the workflow's Choice needs to know of a Batch Operations job's status. */
public enum JobOutcome {
  /** Not finished: wait and describe again. */
  RUNNING,
  /** Finished with every task succeeded. */
  SUCCEEDED,
  /** Finished, and not every object was replicated: read the report. */
  FAILED;

  /**
   * Maps S3's job status. A job that reaches {@code Complete} with failed tasks did not replicate
   * every object, so it counts as failed. {@code New}, {@code Preparing}, {@code Suspended}, {@code
   * Ready}, {@code Active}, {@code Pausing}, {@code Paused}, {@code Completing}, {@code
   * Cancelling} and {@code Failing} are on their way somewhere: keep waiting. So is a status this
   * build does not know yet; the workflow's loop limit ends the wait if it never moves.
   */
  public static JobOutcome of(String status, long failedTasks) {
    return switch (status) {
      case "Complete" -> failedTasks > 0 ? FAILED : SUCCEEDED;
      case "Failed", "Cancelled" -> FAILED;
      default -> RUNNING;
    };
  }
}
