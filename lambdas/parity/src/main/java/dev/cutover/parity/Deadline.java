package dev.cutover.parity;

/** Whether the invocation must stop starting new probes to finish in time. */
@FunctionalInterface
interface Deadline {

  Deadline NONE = () -> false;

  boolean reached();
}
