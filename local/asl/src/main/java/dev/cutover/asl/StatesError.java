package dev.cutover.asl;

/**
 * An error as Step Functions names it: an error name matched by {@code ErrorEquals} (e.g. {@code
 * States.Runtime}, {@code States.QueryEvaluationError}, {@code States.IntrinsicFailure}, or a
 * task's own error name) and a human-readable cause.
 */
public final class StatesError extends RuntimeException {

  public static final String RUNTIME = "States.Runtime";
  public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";
  public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
  public static final String TASK_FAILED = "States.TaskFailed";
  public static final String TIMEOUT = "States.Timeout";
  public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
  public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
  public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
  public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
  public static final String ITEM_READER_FAILED = "States.ItemReaderFailed";
  public static final String BRANCH_FAILED = "States.BranchFailed";
  public static final String EXCEEDED_TOLERATED_FAILURE_THRESHOLD = "States.ExceededToleratedFailureThreshold";

  private final String error;
  private final String cause;

  public StatesError(String error, String cause) {
    super(error + ": " + cause);
    this.error = error;
    this.cause = cause;
  }

  /** The name {@code ErrorEquals} matches. */
  public String error() {
    return error;
  }

  /** What went wrong, for {@code $states.errorOutput.Cause}. */
  public String cause() {
    return cause;
  }
}
