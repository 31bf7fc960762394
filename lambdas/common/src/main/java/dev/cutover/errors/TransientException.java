package dev.cutover.errors;

/**
 * A failure that may pass on its own: throttling, a 5xx from an AWS API, a timeout, a resource
 * still being created or deployed. The state machine retries it with backoff.
 */
public final class TransientException extends CutoverException {

  public TransientException(String message) {
    super(message, null);
  }

  public TransientException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Handling handling() {
    return Handling.RETRIED;
  }
}
