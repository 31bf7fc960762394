package dev.cutover.verify.port;

/**
 * Told how many objects have been compared so far, so a caller can show progress (the rehearsal's
 * progress bar, a log line every so often). Called from worker threads once per object with a
 * strictly increasing count: implementations must be thread-safe and cheap.
 */
@FunctionalInterface
public interface Progress {

  Progress NONE = compared -> {};

  void compared(long objectsCompared);
}
