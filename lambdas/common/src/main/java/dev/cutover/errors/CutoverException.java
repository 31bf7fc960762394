package dev.cutover.errors;

/**
 * The error contract between the steps and the state machine.
 *
 * <p>The Lambda Java runtime reports an uncaught exception by its fully qualified class name, and
 * an ASL {@code ErrorEquals} matches that exact string: a subclass does not match its parent. So
 * the set of errors a step may raise is closed here (sealed, every member final) and every
 * handler translates anything else into one of them before it escapes. {@link ErrorContract}
 * lists the members for the template tests that check each {@code ErrorEquals} name.
 *
 * <p>Messages are read by the person running the migration: say what is wrong, where, and what
 * to do about it.
 */
public abstract sealed class CutoverException extends RuntimeException
    permits TransientException,
        InvalidPlanException,
        PreconditionFailedException,
        VerificationMismatchException,
        ApprovalRejectedException,
        ConcurrentChangeException,
        UnhealthyAfterCutoverException,
        InternalErrorException {

  CutoverException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The name the state machine sees in {@code ErrorEquals} and {@code $states.errorOutput.Error}. */
  public final String errorName() {
    return getClass().getName();
  }

  /** How the state machine treats this error; documented in the README's error table. */
  public abstract Handling handling();
}
