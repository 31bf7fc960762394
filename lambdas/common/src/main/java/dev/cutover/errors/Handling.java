package dev.cutover.errors;

/** What the state machine does with an error a step raises. */
public enum Handling {
  /**
   * Retried by the task's Retry with backoff and jitter. When the retries run out it is caught
   * like any other failure: a clean stop before the first change, the rollback branch after it.
   */
  RETRIED,
  /**
   * Not retried (retrying cannot help). Caught: a clean stop with a report before the first
   * change, the rollback branch after it.
   */
  CAUGHT;
}
