package dev.cutover.errors;

/**
 * Green breached a health threshold while it served the hostname (error rates, synthetic
 * probes). Routes to the automatic rollback.
 */
public final class UnhealthyAfterCutoverException extends CutoverException {

  public UnhealthyAfterCutoverException(String message) {
    super(message, null);
  }

  public UnhealthyAfterCutoverException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Handling handling() {
    return Handling.CAUGHT;
  }
}
