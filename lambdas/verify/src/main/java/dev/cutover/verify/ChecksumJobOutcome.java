package dev.cutover.verify;

/** What the workflow's Choice needs to know of a Compute checksum job's status. */
public enum ChecksumJobOutcome {
  /** Not finished: wait and describe again. */
  RUNNING,
  /** Finished: the completion report is there to compare (tasks that failed are in it too). */
  SUCCEEDED,
  /** The job failed or was cancelled: its failure reasons say why. */
  FAILED;

  /**
   * Maps S3's job status. {@code Complete} counts as succeeded even with failed tasks: a task that
   * could not compute a checksum (an SSE-C object, access denied) leaves that object unverified,
   * which the comparison reports object by object; it proves nothing different. {@code Failed}
   * and {@code Cancelled} are failures. Every other status ({@code New}, {@code Preparing}, {@code
   * Suspended}, {@code Ready}, {@code Active}, {@code Pausing}, {@code Paused}, {@code Completing},
   * {@code Cancelling}, {@code Failing}, or one this build does not know yet) is on its way
   * somewhere: keep waiting; the workflow's loop limit ends a wait that never moves.
   */
  static ChecksumJobOutcome of(String status) {
    return switch (status == null ? "" : status) {
      case "Complete" -> SUCCEEDED;
      case "Failed", "Cancelled" -> FAILED;
      default -> RUNNING;
    };
  }

  /** Both jobs together: failed when either failed, running while either runs, else succeeded. */
  static ChecksumJobOutcome both(ChecksumJobOutcome source, ChecksumJobOutcome target) {
    if (source == FAILED || target == FAILED) {
      return FAILED;
    }
    return source == RUNNING || target == RUNNING ? RUNNING : SUCCEEDED;
  }
}
