package dev.cutover.watch;

import java.util.List;

/**
 * One health sample of green, as the watch returns it to the workflow, whose Choice turns {@code
 * healthy: false} into the rollback. Unhealthy is data, like verify's and parity's {@code passed:
 * false}: the numbers, thresholds and reasons reach the state, the report and the notice, where a
 * thrown error would carry one string. Small by construction: at most {@value
 * WatchStep#MAX_EXAMPLES} probe examples.
 *
 * @param healthy no error rate above its threshold and no probe failed; missing data is not
 *     unhealthy by itself (see {@code notes})
 * @param migrationId the plan's migration id
 * @param distributionId green's distribution, whose metrics were read
 * @param hostname the public hostname the probes went through
 * @param sampledAt when the sample was taken (ISO-8601 UTC): the end of the window
 * @param bakeEndsAt {@code since} plus {@code bake.durationSeconds}, or {@code null} without {@code
 *     since}: the workflow stops sampling once a sample is taken after it
 * @param window the span CloudWatch was asked for
 * @param metrics each error rate against its threshold, and the requests they cover
 * @param probes what the GETs through the hostname answered
 * @param reasons why the sample is unhealthy, one sentence each; empty when healthy
 * @param notes what the reader should know that does not make the sample unhealthy: no metrics
 *     yet, no requests, keys answered 4xx, keys not probed
 */
record WatchResult(
    boolean healthy,
    String migrationId,
    String distributionId,
    String hostname,
    String sampledAt,
    String bakeEndsAt,
    Window window,
    MetricsSummary metrics,
    ProbeSummary probes,
    List<String> reasons,
    List<String> notes) {

  /**
   * The span of the metrics read.
   *
   * @param from first instant, inclusive (a whole minute)
   * @param to last instant, exclusive (the sample's time)
   */
  record Window(String from, String to) {}

  /**
   * @param errorRate5xx CloudFront's {@code 5xxErrorRate} against {@code bake.max5xxErrorRatePercent}
   * @param errorRate4xx CloudFront's {@code 4xxErrorRate} against {@code bake.max4xxErrorRatePercent}
   * @param requests requests green served in the window ({@code Requests}, Sum over its
   *     datapoints); {@code null} when CloudWatch has no datapoint
   */
  record MetricsSummary(Rate errorRate5xx, Rate errorRate4xx, Long requests) {}

  /**
   * One error rate.
   *
   * @param value the highest one-minute rate in the window, in percent; {@code null} when there is
   *     no datapoint
   * @param threshold the plan's maximum, in percent; a value equal to it is healthy
   * @param datapoints one-minute datapoints in the window
   * @param at the start of the minute {@code value} was measured in, or {@code null}
   */
  record Rate(Double value, double threshold, int datapoints, String at) {

    boolean breached() {
      return value != null && value > threshold;
    }
  }

  /**
   * @param sent keys fetched
   * @param failed keys that answered 5xx or not at all, twice
   * @param clientErrors keys that answered 4xx
   * @param notProbed keys left out because the invocation ran out of time
   * @param examples per key, failures first, then 4xx, then the rest; at most {@value
   *     WatchStep#MAX_EXAMPLES}
   */
  record ProbeSummary(int sent, int failed, int clientErrors, int notProbed, List<ProbedKey> examples) {}

  /**
   * One probed key.
   *
   * @param key the object key
   * @param status the last attempt's HTTP status; 0 when it got no response
   * @param error why the last attempt got no complete response, or {@code null}
   * @param attempts 1, or 2 when the first attempt failed and was retried
   */
  record ProbedKey(String key, int status, String error, int attempts) {}
}
