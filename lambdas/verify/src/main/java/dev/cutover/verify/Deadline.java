package dev.cutover.verify;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * When a listing verification must stop taking new keys so that it can finish what it started
 * (the comparisons in flight, the findings file) before Lambda ends the invocation at its
 * timeout (at most 15 minutes). The workflow then invokes the step again with the result, and
 * it resumes after the last key it compared: a bucket of any size is verified in as many
 * invocations as it takes.
 */
@FunctionalInterface
interface Deadline {

  /** Never near: for callers without a time limit (tests, the local runtime, benchmarks). */
  Deadline NONE = () -> false;

  /** Whether the time left is down to the reserve. Asked once per key: must be cheap. */
  boolean nearlyOut();

  /**
   * Near once {@code remainingMillis} (Lambda's {@code Context.getRemainingTimeInMillis}) is at or
   * below {@code reserve}.
   */
  static Deadline of(IntSupplier remainingMillis, Duration reserve) {
    long reserveMillis = reserve.toMillis();
    return () -> remainingMillis.getAsInt() <= reserveMillis;
  }
}
