package dev.cutover.preflight;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What the migration will move and roughly cost, from the source listing.
 *
 * @param basis {@code listing} (every current object under the source prefix was listed), or
 *     {@code unavailable} when the listing was refused (a finding says why; the figures are then
 *     zero but for the job fee)
 * @param objects current objects under the source prefix
 * @param bytes their total size
 * @param archivedObjects of those, in S3 Glacier Flexible Retrieval or Deep Archive (not
 *     replicated)
 * @param sampledForEncryption objects HEAD was asked about (encryption key, readability)
 * @param costUsd the cost of the run, by part
 * @param prices the prices used
 */
public record Estimate(
    String basis,
    long objects,
    long bytes,
    long archivedObjects,
    int sampledForEncryption,
    CostUsd costUsd,
    Prices prices) {

  static final String LISTING = "listing";
  static final String UNAVAILABLE = "unavailable";

  /** Bytes per GB as AWS bills data transfer (2^30). */
  static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1L << 30);

  /**
   * What the run costs, in US dollars rounded to the micro-dollar, by part:
   *
   * <ul>
   *   <li>{@code batchJobs}: the one S3 Batch Replication job the backfill creates;
   *   <li>{@code batchObjects}: its per-object fee, for every listed object (archived ones too:
   *       they are in the generated manifest and fail there);
   *   <li>{@code replicationPuts}: one PUT per replica, for every object that will replicate (not
   *       archived);
   *   <li>{@code kmsRequests}: only for a side that uses SSE-KMS, one request per replicated
   *       object on that side (Decrypt on blue, GenerateDataKey on green). An upper bound: S3
   *       Bucket Keys cut these calls, and the free tier is ignored;
   *   <li>{@code dataTransfer}: only when the regions differ, the bytes that replicate;
   *   <li>{@code total}: their sum.
   * </ul>
   *
   * Counted on current versions: a generated manifest also replicates noncurrent versions, so a
   * bucket with many of them costs more. Storage on green is not part of the run and not counted.
   */
  public record CostUsd(
      BigDecimal batchJobs,
      BigDecimal batchObjects,
      BigDecimal replicationPuts,
      BigDecimal kmsRequests,
      BigDecimal dataTransfer,
      BigDecimal total) {}

  /**
   * Prices a run.
   *
   * @param objects listed objects
   * @param replicatedObjects of those, the ones that will replicate
   * @param replicatedBytes their bytes
   * @param kmsSides sides using SSE-KMS (0, 1 or 2)
   * @param crossRegion whether blue and green are in different regions
   */
  static CostUsd cost(
      Prices prices, long objects, long replicatedObjects, long replicatedBytes, int kmsSides, boolean crossRegion) {
    BigDecimal batchJobs = BigDecimal.valueOf(prices.batchJobUsd());
    BigDecimal batchObjects =
        BigDecimal.valueOf(objects).multiply(BigDecimal.valueOf(prices.batchPerMillionObjectsUsd()))
            .divide(BigDecimal.valueOf(1_000_000));
    BigDecimal puts =
        BigDecimal.valueOf(replicatedObjects).multiply(BigDecimal.valueOf(prices.putPer1000Usd()))
            .divide(BigDecimal.valueOf(1_000));
    BigDecimal kms =
        BigDecimal.valueOf(replicatedObjects * kmsSides).multiply(BigDecimal.valueOf(prices.kmsPer10000Usd()))
            .divide(BigDecimal.valueOf(10_000));
    BigDecimal transfer =
        crossRegion
            ? BigDecimal.valueOf(replicatedBytes).multiply(BigDecimal.valueOf(prices.interRegionPerGbUsd()))
                .divide(BYTES_PER_GB, 12, RoundingMode.HALF_UP)
            : BigDecimal.ZERO;
    BigDecimal total = batchJobs.add(batchObjects).add(puts).add(kms).add(transfer);
    return new CostUsd(usd(batchJobs), usd(batchObjects), usd(puts), usd(kms), usd(transfer), usd(total));
  }

  private static BigDecimal usd(BigDecimal value) {
    return value.setScale(6, RoundingMode.HALF_UP);
  }
}
