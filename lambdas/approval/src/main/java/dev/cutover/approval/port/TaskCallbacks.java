package dev.cutover.approval.port;

/**
 * Ends a task that waits for a callback ({@code .waitForTaskToken}): Step Functions'
 * SendTaskSuccess and SendTaskFailure.
 */
public interface TaskCallbacks {

  /** The task completes with {@code outputJson} as its result. */
  void succeed(String taskToken, String outputJson);

  /** The task fails with {@code error} (what ErrorEquals matches) and {@code cause}. */
  void fail(String taskToken, String error, String cause);

  /**
   * Step Functions no longer waits for this token: {@code TaskTimedOut} (the task timed out or was
   * already completed), {@code TaskDoesNotExist} (the execution ended) or {@code InvalidToken}. The
   * message is Step Functions' with the token removed.
   */
  final class TaskNotWaitingException extends RuntimeException {

    private final String code;

    public TaskNotWaitingException(String code, String message) {
      super(message);
      this.code = code;
    }

    /** Step Functions' error code. */
    public String code() {
      return code;
    }
  }
}
