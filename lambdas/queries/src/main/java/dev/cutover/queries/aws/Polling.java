package dev.cutover.queries.aws;

import java.time.Duration;

/**
 * How {@link AthenaQueries} waits for a query: GetQueryExecution after {@code firstInterval}, each
 * wait {@code factor} times the last up to {@code maxInterval}, for at most {@code maxWait} of
 * waiting; a query Athena fails with an error it marks retryable is started again, up to {@code
 * maxAttempts} queries in all; results are read {@code pageSize} rows a call (Athena allows 1000).
 */
public record Polling(
    Duration firstInterval,
    double factor,
    Duration maxInterval,
    Duration maxWait,
    int maxAttempts,
    int pageSize) {

  /**
   * Short first waits (most of our queries take seconds), growing to 5 s; 10 minutes in all, well
   * inside a Lambda's 15; three attempts; full pages.
   */
  public static final Polling DEFAULT =
      new Polling(Duration.ofMillis(500), 1.5, Duration.ofSeconds(5), Duration.ofMinutes(10), 3, 1000);

  public Polling {
    if (firstInterval.isNegative() || firstInterval.isZero() || factor < 1.0 || maxInterval.compareTo(firstInterval) < 0) {
      throw new IllegalArgumentException("polling intervals must start above zero and not shrink");
    }
    if (maxAttempts < 1 || pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("at least one attempt, and 1 to 1000 rows a page");
    }
  }

  /** The wait after {@code wait}. */
  Duration next(Duration wait) {
    long next = Math.round(wait.toMillis() * factor);
    return Duration.ofMillis(Math.min(Math.max(next, wait.toMillis()), maxInterval.toMillis()));
  }
}
