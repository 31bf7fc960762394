package dev.cutover.errors;

/**
 * A defect in cutover itself: an exception no other member of the contract describes. Not retried;
 * the message carries the original exception so it can be reported.
 */
public final class InternalErrorException extends CutoverException {

  public InternalErrorException(String message) {
    super(message, null);
  }

  public InternalErrorException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Handling handling() {
    return Handling.CAUGHT;
  }
}
