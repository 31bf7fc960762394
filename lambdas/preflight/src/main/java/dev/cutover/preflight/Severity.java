package dev.cutover.preflight;

/**
 * How much a finding matters. The names are the JSON values the report step reads.
 *
 * <p>The choice for each check is documented in {@code package-info.java}; the rule of thumb:
 * BLOCKER when the migration would fail, lose objects on green or serve errors; WARNING when it
 * would work but something needs a decision (objects knowingly left behind, a setting that will
 * bite later); INFO for what was checked and found in order.
 */
public enum Severity {
  /** Preflight fails: fix the world (or the plan) and run it again. */
  BLOCKER,
  /** Preflight passes, but a person should read this before approving. */
  WARNING,
  /** Checked and in order; recorded so the report shows what was checked. */
  INFO
}
