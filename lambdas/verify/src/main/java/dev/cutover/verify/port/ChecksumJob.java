package dev.cutover.verify.port;

import java.util.List;

/**
 * A Batch Operations job as DescribeJob reports it, with what the checksum comparison checks
 * before it trusts the job's report: which operation it ran, and where it reported.
 *
 * @param jobId the job
 * @param status S3's status name, e.g. {@code Active}, {@code Complete}
 * @param operation the operation's element name, e.g. {@code S3ComputeObjectChecksum}; {@code
 *     null} when the description has none
 * @param checksumAlgorithm the Compute checksum algorithm, e.g. {@code CRC64NVME}, or {@code null}
 * @param checksumType {@code FULL_OBJECT} or {@code COMPOSITE}, or {@code null}
 * @param manifestObjectArn the manifest the job reads, or {@code null} (a generated manifest)
 * @param reportBucketArn where the completion report goes, or {@code null} when there is none
 * @param reportPrefix the completion report's prefix, or {@code null}
 * @param totalTasks tasks in the job
 * @param succeededTasks tasks that succeeded so far
 * @param failedTasks tasks that failed so far
 * @param failureReasons why the job itself failed, if it did
 * @param statusUpdateReason why the status last changed, if S3 says
 */
public record ChecksumJob(
    String jobId,
    String status,
    String operation,
    String checksumAlgorithm,
    String checksumType,
    String manifestObjectArn,
    String reportBucketArn,
    String reportPrefix,
    long totalTasks,
    long succeededTasks,
    long failedTasks,
    List<JobFailure> failureReasons,
    String statusUpdateReason) {

  public ChecksumJob {
    failureReasons = List.copyOf(failureReasons);
  }

  /** One reason a job failed as a whole (not one task). */
  public record JobFailure(String code, String reason) {}
}
