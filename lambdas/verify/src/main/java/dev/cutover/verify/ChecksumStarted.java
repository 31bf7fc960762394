package dev.cutover.verify;

/**
 * The Compute checksum jobs exist (created now, or found by their tokens when the step was
 * retried), or there was nothing to compute.
 *
 * @param objects {@code contentUnverified} objects in the findings, each listed in both manifests;
 *     0 means no job was created and there is nothing to describe or compare
 * @param findings the verify step's findings the keys came from
 * @param checksum what the jobs compute, e.g. {@code CRC64NVME FULL_OBJECT}
 * @param source blue's job; {@code null} when {@code objects} is 0
 * @param target green's job; {@code null} when {@code objects} is 0
 */
public record ChecksumStarted(long objects, String findings, String checksum, Job source, Job target) {

  /**
   * One side's job.
   *
   * @param jobId pass it to DESCRIBE and COMPARE
   * @param accountId the account the job runs in (the side's)
   * @param clientRequestToken the idempotency token the job was created with
   * @param manifest the CSV manifest the job reads
   * @param reportLocation where S3 writes the job's completion report
   */
  public record Job(String jobId, String accountId, String clientRequestToken, String manifest, String reportLocation) {}
}
