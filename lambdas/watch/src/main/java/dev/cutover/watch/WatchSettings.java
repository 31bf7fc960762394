package dev.cutover.watch;

import dev.cutover.errors.PreconditionFailedException;
import java.time.Duration;
import java.util.Map;

/**
 * How a sample is taken, as opposed to what it judges (the plan's {@code bake} thresholds).
 *
 * @param probeConcurrency hot keys fetched at once
 * @param metricsDelay how much further back than {@code bake.pollIntervalSeconds} the metrics are
 *     read, so minutes CloudWatch publishes late are still judged ({@link WatchStep})
 */
record WatchSettings(int probeConcurrency, Duration metricsDelay) {

  /** Environment variable for {@link #probeConcurrency}, set on the function by the infrastructure. */
  static final String CONCURRENCY_VARIABLE = "CUTOVER_WATCH_PROBE_CONCURRENCY";

  /** Environment variable for {@link #metricsDelay}, in seconds. */
  static final String METRICS_DELAY_VARIABLE = "CUTOVER_WATCH_METRICS_DELAY_SECONDS";

  static final int DEFAULT_CONCURRENCY = 8;
  static final int MAX_CONCURRENCY = 64;

  /** Three minutes: CloudFront's one-minute metrics usually reach CloudWatch within it. */
  static final int DEFAULT_METRICS_DELAY_SECONDS = 180;

  /** CloudWatch keeps one-minute datapoints far longer; beyond 15 minutes a breach is old news. */
  static final int MAX_METRICS_DELAY_SECONDS = 900;

  static final WatchSettings DEFAULT = new WatchSettings(DEFAULT_CONCURRENCY, Duration.ofSeconds(DEFAULT_METRICS_DELAY_SECONDS));

  /** The defaults, overridden by whichever of the two variables is set. */
  static WatchSettings fromEnvironment(Map<String, String> environment) {
    int concurrency = number(environment, CONCURRENCY_VARIABLE, DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY, "hot keys fetched at once");
    int delay = number(environment, METRICS_DELAY_VARIABLE, DEFAULT_METRICS_DELAY_SECONDS, 0, MAX_METRICS_DELAY_SECONDS,
        "seconds the metrics are read further back, for datapoints CloudWatch publishes late");
    return new WatchSettings(concurrency, Duration.ofSeconds(delay));
  }

  private static int number(Map<String, String> environment, String variable, int fallback, int min, int max, String meaning) {
    String value = environment.get(variable);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    int number;
    try {
      number = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      number = min - 1;
    }
    if (number < min || number > max) {
      throw new PreconditionFailedException(
          variable + " is \"" + value + "\"; set it to a whole number from " + min + " to " + max + " (" + meaning + "), or unset it for " + fallback + ".");
    }
    return number;
  }
}
