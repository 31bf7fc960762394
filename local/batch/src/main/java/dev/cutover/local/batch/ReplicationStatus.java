package dev.cutover.local.batch;

/**
 * An object's {@code x-amz-replication-status}, as S3 keeps it and Batch Replication filters by:
 * {@code NONE} for an object never replicated (S3 shows no header), {@code PENDING} while a copy
 * is under way, {@code COMPLETED} / {@code FAILED} on the source once a copy ended, {@code
 * REPLICA} on the destination's copy.
 */
public enum ReplicationStatus {
  NONE,
  PENDING,
  COMPLETED,
  FAILED,
  REPLICA
}
