package dev.cutover.replication.port;

/** A bucket's versioning state as GetBucketVersioning reports it. */
public enum Versioning {
  ENABLED,
  SUSPENDED,
  /** The response has no Status: versioning was never turned on. */
  NEVER_ENABLED
}
