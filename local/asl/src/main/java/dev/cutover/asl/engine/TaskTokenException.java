package dev.cutover.asl.engine;

/**
 * A callback that cannot be delivered, named as the Step Functions API names it: {@code
 * InvalidToken} (never issued), {@code TaskTimedOut} (the task already timed out or completed),
 * {@code TaskDoesNotExist} (its execution is no longer running).
 */
public final class TaskTokenException extends RuntimeException {

  private final String code;

  public TaskTokenException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
