package dev.cutover.cutover;

import java.time.Duration;

/**
 * How long the step keeps trying a call the other side is not ready for (Route 53's {@code
 * PriorRequestNotComplete} and throttling, CloudFront's {@code PreconditionFailed} when another
 * writer changed the configuration in between): exponential backoff with full jitter, capped, a
 * bounded number of attempts. After that the step raises a transient error and the state
 * machine's Retry takes over.
 *
 * @param maxAttempts calls in all, the first included
 * @param baseDelay the ceiling of the first wait; doubles per attempt
 * @param maxDelay the largest ceiling of any wait
 */
record Backoff(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  /** Eight attempts, at most about 25 seconds of waiting in all. */
  static final Backoff DEFAULT = new Backoff(8, Duration.ofMillis(250), Duration.ofSeconds(8));

  Backoff {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** The ceiling of the wait after failed attempt {@code attempt} (from 1). */
  Duration ceiling(int attempt) {
    long cap = maxDelay.toMillis();
    long ceiling = baseDelay.toMillis();
    for (int i = 1; i < attempt && ceiling < cap; i++) {
      ceiling *= 2;
    }
    return Duration.ofMillis(Math.min(ceiling, cap));
  }
}
