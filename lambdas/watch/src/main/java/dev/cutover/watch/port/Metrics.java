package dev.cutover.watch.port;

/**
 * Green's CloudFront metrics as CloudWatch holds them: per-minute error rates and request counts of
 * one distribution. Reads only.
 */
public interface Metrics {

  /**
   * The datapoints of {@code query.distributionId()} whose periods start in {@code [from, to)}.
   *
   * @throws dev.cutover.errors.CutoverException {@code TransientException} when CloudWatch throttles
   *     or fails and a retry may pass; {@code PreconditionFailedException} when the role may not
   *     read the metrics
   */
  DistributionMetrics read(MetricsQuery query);
}
