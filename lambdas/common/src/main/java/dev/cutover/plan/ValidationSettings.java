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
 * @param parityAllow differences between the two distributions' configurations that are intended
 *     (the edge parity step reports them as allowed instead of failing): each a config path as the
 *     step reports it, e.g. {@code CacheBehaviors[/legacy/*].Compress}, or a glob where {@code *}
 *     matches any characters; an entry also covers everything below the path it names
 */
public record ValidationSettings(
    List<String> metadataFields,
    Integer mismatchTolerance,
    Integer logScanWindowDays,
    Integer logScanTopN,
    Integer probeSampleSize,
    List<String> parityAllow) {

  /**
   * The top-level elements of a distribution's configuration that the edge parity step can report
   * a difference in (the CloudFront API's names). A {@code parityAllow} entry must start with one
   * of them, or it could never match. {@code CallerReference}, {@code Aliases} and {@code Comment}
   * are absent: they differ between the two distributions by design and are never compared.
   */
  public static final List<String> PARITY_PATH_ROOTS =
      List.of(
          "DefaultRootObject",
          "Origins",
          "OriginGroups",
          "DefaultCacheBehavior",
          "CacheBehaviors",
          "CustomErrorResponses",
          "Logging",
          "PriceClass",
          "Enabled",
          "ViewerCertificate",
          "Restrictions",
          "WebACLId",
          "HttpVersion",
          "IsIPV6Enabled",
          "ContinuousDeploymentPolicyId",
          "Staging",
          "AnycastIpListId",
          "TenantConfig",
          "ConnectionMode",
          "ViewerMtlsConfig",
          "ConnectionFunctionAssociation");

  public ValidationSettings {
    metadataFields = metadataFields == null ? PlanDefaults.METADATA_FIELDS : List.copyOf(metadataFields);
    mismatchTolerance = mismatchTolerance == null ? PlanDefaults.MISMATCH_TOLERANCE : mismatchTolerance;
    logScanWindowDays = logScanWindowDays == null ? PlanDefaults.LOG_SCAN_WINDOW_DAYS : logScanWindowDays;
    logScanTopN = logScanTopN == null ? PlanDefaults.LOG_SCAN_TOP_N : logScanTopN;
    probeSampleSize = probeSampleSize == null ? PlanDefaults.PROBE_SAMPLE_SIZE : probeSampleSize;
    parityAllow = parityAllow == null ? PlanDefaults.PARITY_ALLOW : List.copyOf(parityAllow);
  }

  public static ValidationSettings defaults() {
    return new ValidationSettings(null, null, null, null, null, null);
  }
}
