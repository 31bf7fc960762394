package dev.cutover.cli;

import java.time.Duration;

/** How {@code watch --follow} waits between polls; tests move a virtual clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;

  /** The real thing. */
  Sleeper SYSTEM = d -> Thread.sleep(d);
}
