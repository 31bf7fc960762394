package dev.cutover.cutover;

import java.time.Duration;

/** Waits between attempts; the tests pass one that only counts. */
@FunctionalInterface
public interface Sleeper {

  Sleeper REAL = Thread::sleep;

  void sleep(Duration duration) throws InterruptedException;
}
