package dev.cutover.errors;

/**
 * Something else changed a resource this run manages while it was running: the DNS record no
 * longer has the value recorded before the change, a distributions config moved under us. The
 * step aborts instead of overwriting the other change.
 */
public final class ConcurrentChangeException extends CutoverException {

  public ConcurrentChangeException(String message) {
    super(message, null);
  }

  public ConcurrentChangeException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Handling handling() {
    return Handling.CAUGHT;
  }
}
