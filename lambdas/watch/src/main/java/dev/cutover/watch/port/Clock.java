package dev.cutover.watch.port;

import java.time.Instant;

/**
 * The time a health sample is taken at. The step reads it once per sample, so a test (and the
 * local runtime, which runs bake periods in virtual time) fixes the window the metrics are read
 * over by giving a clock of its own.
 */
@FunctionalInterface
public interface Clock {

  /** The current instant. */
  Instant now();

  /** The system's UTC clock, for the Lambda runtime. */
  static Clock system() {
    return Instant::now;
  }
}
