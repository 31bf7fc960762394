package dev.cutover.errors;

/**
 * A person rejected the cutover, or nobody decided before the approval timed out. The run ends
 * with no change to user traffic; replication keeps running.
 */
public final class ApprovalRejectedException extends CutoverException {

  public ApprovalRejectedException(String message) {
    super(message, null);
  }

  public ApprovalRejectedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Handling handling() {
    return Handling.CAUGHT;
  }
}
