package dev.cutover.cutover;

import dev.cutover.cutover.port.VersionConflictException;
import dev.cutover.cutover.port.ZoneBusyException;
import dev.cutover.errors.InternalErrorException;
import dev.cutover.errors.TransientException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a call again, with {@link Backoff}, while it fails in one of the two ways that pass by
 * themselves: the zone is busy with an earlier change or throttled ({@link ZoneBusyException}), or
 * a distribution's configuration moved between our read and our write ({@link
 * VersionConflictException}; the call re-reads, so the retry works on the new version). Every
 * other failure passes through at once. When the attempts run out it raises {@link
 * TransientException}, which the state machine retries.
 */
final class Retrier {

  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  private final Backoff backoff;
  private final Sleeper sleeper;
  private int retries;

  Retrier(Backoff backoff, Sleeper sleeper) {
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  /**
   * The value of {@code call}, tried again while it is busy or loses a version race.
   *
   * @param what the call, for messages, e.g. {@code "ChangeResourceRecordSets on Z0123"}
   */
  <T> T call(String what, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (ZoneBusyException | VersionConflictException e) {
        if (attempt >= backoff.maxAttempts()) {
          throw new TransientException(
              what + " did not go through in " + attempt + " attempts with backoff (" + e.getMessage()
                  + "). Nothing was changed by the failed attempts; the step is safe to run again.",
              e);
        }
        retries++;
        long ceiling = backoff.ceiling(attempt).toMillis();
        Duration wait = Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
        LOG.info("{}: {} (attempt {}), trying again in {}", what, e.getMessage(), attempt, wait);
        pause(wait);
      }
    }
  }

  /** Retries made so far by this retrier (one per step invocation). */
  int retries() {
    return retries;
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
