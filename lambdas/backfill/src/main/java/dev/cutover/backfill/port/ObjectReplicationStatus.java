package dev.cutover.backfill.port;

/**
 * The replication statuses a backfill selects objects by: {@code NONE} (never replicated, such as
 * objects written before the rule existed) and {@code FAILED} (a replication attempt failed).
 * {@code COMPLETED} and {@code REPLICA} objects are never selected again.
 */
public enum ObjectReplicationStatus {
  NONE,
  FAILED
}
