package dev.cutover.cutover;

/** An action a task of the state machine asks a step of this module to do. */
interface Action {

  String name();

  /** Whether the action reads {@code changeId} (the change POINT_DNS or RESTORE_DNS submitted). */
  boolean needsChangeId();

  /** Whether the action reads {@code side} (which distribution). */
  boolean needsSide();

  /** Whether the action changes anything. */
  boolean mutates();
}
