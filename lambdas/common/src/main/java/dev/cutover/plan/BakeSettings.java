package dev.cutover.plan;

/**
 * The watch after the cutover: a breach of either threshold starts the automatic rollback.
 *
 * @param durationSeconds how long green is watched after it takes the hostname
 * @param pollIntervalSeconds how often its health is read
 * @param max5xxErrorRatePercent highest tolerated share of 5xx responses, in percent as
 *     CloudWatch reports CloudFront's {@code 5xxErrorRate}
 * @param max4xxErrorRatePercent highest tolerated share of 4xx responses, in percent
 */
public record BakeSettings(
    Integer durationSeconds,
    Integer pollIntervalSeconds,
    Double max5xxErrorRatePercent,
    Double max4xxErrorRatePercent) {

  public BakeSettings {
    durationSeconds = durationSeconds == null ? PlanDefaults.BAKE_DURATION_SECONDS : durationSeconds;
    pollIntervalSeconds =
        pollIntervalSeconds == null ? PlanDefaults.BAKE_POLL_INTERVAL_SECONDS : pollIntervalSeconds;
    max5xxErrorRatePercent =
        max5xxErrorRatePercent == null ? PlanDefaults.MAX_5XX_ERROR_RATE_PERCENT : max5xxErrorRatePercent;
    max4xxErrorRatePercent =
        max4xxErrorRatePercent == null ? PlanDefaults.MAX_4XX_ERROR_RATE_PERCENT : max4xxErrorRatePercent;
  }

  public static BakeSettings defaults() {
    return new BakeSettings(null, null, null, null);
  }
}
