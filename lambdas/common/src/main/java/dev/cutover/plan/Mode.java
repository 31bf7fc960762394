package dev.cutover.plan;

/** What a run of the workflow does. */
public enum Mode {
  /** The whole migration: replicate, backfill, verify, approve, cut over, bake, finish. */
  MIGRATE,
  /** Verification only (preflight, verify, parity, log scan, report); changes nothing. The nightly parity run. */
  VALIDATE_ONLY,
  /** Undo a cutover: the exact alias back on blue, DNS back, replication restored. Never deletes objects. */
  ROLLBACK
}
