package dev.cutover.plan;

/**
 * The replication rule blue → green.
 *
 * @param replicateDeleteMarkers whether a delete on blue during the dual run adds a delete marker
 *     on green (nothing is ever removed: markers hide, versions stay)
 * @param reverseReplicationAfterCutover whether, after a successful cutover, green replicates back
 *     to blue so blue stays a current rollback target until decommission
 */
public record ReplicationSettings(Boolean replicateDeleteMarkers, Boolean reverseReplicationAfterCutover) {

  public ReplicationSettings {
    replicateDeleteMarkers =
        replicateDeleteMarkers == null ? PlanDefaults.REPLICATE_DELETE_MARKERS : replicateDeleteMarkers;
    reverseReplicationAfterCutover =
        reverseReplicationAfterCutover == null
            ? PlanDefaults.REVERSE_REPLICATION_AFTER_CUTOVER
            : reverseReplicationAfterCutover;
  }

  public static ReplicationSettings defaults() {
    return new ReplicationSettings(null, null);
  }
}
