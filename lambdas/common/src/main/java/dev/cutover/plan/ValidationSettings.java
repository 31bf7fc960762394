package dev.cutover.plan;

import java.util.List;

/**
 * How green is proven equal to blue.
 *
 * @param metadataFields object metadata compared besides key, size and checksum
 * @param mismatchTolerance objects allowed to differ before verification fails (default 0)
 * @param logScanWindowDays days of blue's CloudFront logs the log scan reads
 * @param logScanTopN the most requested keys the log scan checks on green
 * @param probeSampleSize hot keys fetched through both distributions and compared
 */
public record ValidationSettings(
    List<String> metadataFields,
    Integer mismatchTolerance,
    Integer logScanWindowDays,
    Integer logScanTopN,
    Integer probeSampleSize) {

  public ValidationSettings {
    metadataFields = metadataFields == null ? PlanDefaults.METADATA_FIELDS : List.copyOf(metadataFields);
    mismatchTolerance = mismatchTolerance == null ? PlanDefaults.MISMATCH_TOLERANCE : mismatchTolerance;
    logScanWindowDays = logScanWindowDays == null ? PlanDefaults.LOG_SCAN_WINDOW_DAYS : logScanWindowDays;
    logScanTopN = logScanTopN == null ? PlanDefaults.LOG_SCAN_TOP_N : logScanTopN;
    probeSampleSize = probeSampleSize == null ? PlanDefaults.PROBE_SAMPLE_SIZE : probeSampleSize;
  }

  public static ValidationSettings defaults() {
    return new ValidationSettings(null, null, null, null, null);
  }
}
