package dev.cutover.preflight.port;

/** A bucket's versioning state, as GetBucketVersioning reports it. */
public enum Versioning {
  ENABLED,
  /** Was enabled, then suspended: replication refuses it like a bucket that never had it. */
  SUSPENDED,
  /** Never enabled: GetBucketVersioning answers without a status. */
  NEVER_ENABLED
}
