package dev.cutover.errors;

/**
 * Green does not match blue: missing or different objects, configuration drift between the
 * distributions, a probe or requested key that differs, a backfill job that finished with failed
 * tasks. The run stops at the gate with a report; nothing user-facing has changed.
 */
public final class VerificationMismatchException extends CutoverException {

  public VerificationMismatchException(String message) {
    super(message, null);
  }

  public VerificationMismatchException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public Handling handling() {
    return Handling.CAUGHT;
  }
}
