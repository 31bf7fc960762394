package dev.cutover.report;

/** Where one step's evidence stands, as the page's badges and report.json's {@code sections} show it. */
public enum Status {
  /** The step ran and says it passed, and nothing in its evidence contradicts that. */
  PASSED,
  /** The step ran and did not pass (or is not finished). */
  NOT_PASSED,
  /** The step left something, but the report cannot tell whether it passed. */
  UNKNOWN,
  /** Nothing from the step: it is not part of this mode, or the run did not reach it. */
  NOT_RUN,
  /** The step failed with an error. */
  FAILED
}
