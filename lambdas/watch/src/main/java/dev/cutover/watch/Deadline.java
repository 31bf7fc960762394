package dev.cutover.watch;

/** Whether the invocation must stop starting new probes to return in time. */
@FunctionalInterface
interface Deadline {

  Deadline NONE = () -> false;

  boolean reached();
}
