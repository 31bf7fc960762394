package dev.cutover.replication;

/**
 * The rule cutover adds to blue's replication configuration: everything under the plan's prefix,
 * replicated into green's bucket in green's account with green as the replicas' owner.
 *
 * @param id the rule id, derived from the migration id so every run of one migration finds it
 * @param priority above every other rule of the configuration
 * @param prefix the key prefix filter; empty for the whole bucket
 * @param destinationBucketArn green's bucket, {@code arn:<partition>:s3:::<bucket>}
 * @param destinationAccount green's account, which owns the replicas (owner override)
 * @param replicateDeleteMarkers whether a delete on blue adds a delete marker on green
 * @param replicaKmsKeyId the key green's replicas are encrypted with, or {@code null} for none;
 *     when set, SSE-KMS encrypted objects are replicated too
 */
record CutoverRule(
    String id,
    int priority,
    String prefix,
    String destinationBucketArn,
    String destinationAccount,
    boolean replicateDeleteMarkers,
    String replicaKmsKeyId) {

  private static final String ID_PREFIX = "cutover-";

  /** The rule id of a migration: stable across its retries and its MIGRATE and ROLLBACK runs. */
  static String idFor(String migrationId) {
    return ID_PREFIX + migrationId;
  }
}
