package dev.cutover.backfill;

import dev.cutover.backfill.port.ObjectReplicationStatus;
import java.util.List;

/**
 * A backfill job exists (created now, or found by its token when the step was retried).
 *
 * @param jobId pass it to DESCRIBE and REPORT
 * @param clientRequestToken the idempotency token the job was created with
 * @param replicationStatuses the replication statuses of the objects the job selects
 * @param reportLocation where S3 writes the job's completion report
 */
public record BackfillStarted(
    String jobId,
    String clientRequestToken,
    List<ObjectReplicationStatus> replicationStatuses,
    String reportLocation) {}
