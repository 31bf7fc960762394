package dev.cutover.verify;

import dev.cutover.errors.InternalErrorException;
import dev.cutover.errors.TransientException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries {@link TransientException}s with {@link Backoff}; every other error passes through at
 * once (retrying access denied cannot help). Counts the retries so the result can show how hard
 * S3 pushed back.
 */
final class Retrier {

  /** Waits; the tests pass one that does not. */
  @FunctionalInterface
  interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration);

    void sleep(Duration duration) throws InterruptedException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  private final Backoff backoff;
  private final Sleeper sleeper;
  private final AtomicLong retries = new AtomicLong();

  Retrier(Backoff backoff, Sleeper sleeper) {
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  /**
   * The value of {@code call}, retried while it throws {@link TransientException}.
   *
   * @param what the call, for the log, e.g. {@code "HeadObject green/app.js"}
   * @throws TransientException the last one, when every attempt failed
   */
  <T> T call(String what, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (TransientException e) {
        if (attempt >= backoff.maxAttempts()) {
          throw new TransientException(
              what + " still failed after " + attempt + " attempts with backoff: " + e.getMessage(),
              e);
        }
        retries.incrementAndGet();
        long ceiling = backoff.ceiling(attempt).toMillis();
        Duration wait = Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
        LOG.debug("{} failed transiently (attempt {}), retrying in {}: {}", what, attempt, wait, e.getMessage());
        pause(wait);
      }
    }
  }

  /** Retries made so far. */
  long retries() {
    return retries.get();
  }

  private void pause(Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InternalErrorException("Interrupted while waiting to retry", e);
    }
  }
}
