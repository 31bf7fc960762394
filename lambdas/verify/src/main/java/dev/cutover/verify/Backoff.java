package dev.cutover.verify;

import java.time.Duration;

/**
 * How hard the step retries a call that failed transiently (throttling such as 503 SlowDown,
 * 5xx, timeouts) after the SDK's own retries gave up: exponential backoff with full jitter,
 * capped. The SDK's standard retry strategy stops early when its retry token bucket runs dry,
 * which a sustained SlowDown rate does; these retries carry the run through it.
 *
 * @param maxAttempts calls in all, the first included
 * @param baseDelay the ceiling of the first wait; doubles per attempt
 * @param maxDelay the largest ceiling of any wait
 */
record Backoff(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  /** About a minute of waiting at most before the error goes to the state machine's Retry. */
  static final Backoff DEFAULT = new Backoff(10, Duration.ofMillis(200), Duration.ofSeconds(10));

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
