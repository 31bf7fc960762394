package dev.cutover.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a run does when its timer falls due, as data rather than a closure, so that a run's whole
 * state can be written down and read back.
 *
 * @param kind what happens
 * @param value the output (TRANSITION), the task's result (TASK_RESULT) or the branch results (FANOUT_RESULT)
 * @param error for FAIL: the error to raise in the current state
 * @param cause for FAIL: its cause
 * @param event for FAIL: the history event to record first (TaskFailed, ParallelStateFailed, MapStateFailed)
 */
record Pending(Kind kind, JsonNode value, String error, String cause, String event) {

  enum Kind {
    /** A Wait state's time has come: leave it with this output. */
    TRANSITION,
    /** A retry's delay is over: run the state again. */
    RERUN,
    /** A callback task completed with this result. */
    TASK_RESULT,
    /** Every branch or iteration ended: these are their results. */
    FANOUT_RESULT,
    /** The state fails with this error (a callback's failure, a failed branch). */
    FAIL
  }

  static Pending transition(JsonNode output) {
    return new Pending(Kind.TRANSITION, output, null, null, null);
  }

  static Pending rerun() {
    return new Pending(Kind.RERUN, null, null, null, null);
  }

  static Pending taskResult(JsonNode result) {
    return new Pending(Kind.TASK_RESULT, result, null, null, null);
  }

  static Pending fanoutResult(JsonNode results) {
    return new Pending(Kind.FANOUT_RESULT, results, null, null, null);
  }

  static Pending fail(String error, String cause, String event) {
    return new Pending(Kind.FAIL, null, error, cause, event);
  }
}
