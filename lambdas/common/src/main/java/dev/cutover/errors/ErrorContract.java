package dev.cutover.errors;

import java.util.Arrays;
import java.util.List;

/** The closed set of errors a step may raise, by the names the state machine matches. */
public final class ErrorContract {

  private ErrorContract() {}

  /** Every error class a step may raise; nothing else escapes a handler. */
  @SuppressWarnings("unchecked")
  public static List<Class<? extends CutoverException>> errorClasses() {
    return Arrays.stream(CutoverException.class.getPermittedSubclasses())
        .<Class<? extends CutoverException>>map(c -> (Class<? extends CutoverException>) c)
        .toList();
  }

  /** The exact strings a Task's {@code Retry} / {@code Catch} may name in {@code ErrorEquals}. */
  public static List<String> errorNames() {
    return errorClasses().stream().map(Class::getName).toList();
  }

  /** The names a Task should list in its {@code Retry} (besides the Lambda service errors). */
  public static List<String> retriedErrorNames() {
    return errorClasses().stream()
        .filter(c -> handlingOf(c) == Handling.RETRIED)
        .map(Class::getName)
        .toList();
  }

  /** The handling a class declares, read from an instance so there is one source of truth. */
  public static Handling handlingOf(Class<? extends CutoverException> errorClass) {
    try {
      return errorClass.getConstructor(String.class).newInstance("probe").handling();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(errorClass + " must have a public (String) constructor", e);
    }
  }
}
