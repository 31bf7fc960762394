package dev.cutover.cutover;

/** Which distribution a status action asks about. */
public enum SideName {
  /** The legacy distribution (the plan's {@code source}). */
  BLUE,
  /** The new distribution (the plan's {@code target}). */
  GREEN
}
