package dev.cutover.report;

/** Whether the evidence supports approving the cutover. */
public enum Verdict {
  /** Preflight passed, the backfill replicated every object, verify passed, and so did every other check present. */
  READY,
  /** Anything else; the report lists why. */
  NOT_READY
}
