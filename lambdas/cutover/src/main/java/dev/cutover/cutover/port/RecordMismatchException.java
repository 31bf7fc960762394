package dev.cutover.cutover.port;

/**
 * A compare-and-swap on a record found something other than what it was told to replace (Route
 * 53's {@code InvalidChangeBatch} for a delete that does not match). Nothing was changed.
 */
public final class RecordMismatchException extends RuntimeException {

  public RecordMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
