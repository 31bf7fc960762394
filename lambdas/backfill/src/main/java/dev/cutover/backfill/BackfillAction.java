package dev.cutover.backfill;

/** What one invocation of the backfill step does; the state machine names it in the payload. */
public enum BackfillAction {
  /** Create the S3 Batch Replication job for objects never replicated or whose replication failed. */
  START,
  /** Create a job for the objects whose replication failed only, after the cause was fixed. */
  REDRIVE,
  /** Read the job's status and progress, for the Wait → Describe → Choice loop. */
  DESCRIBE,
  /** Read the job's completion report: the failed keys and why. */
  REPORT
}
