package dev.cutover.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.json.Json;
import java.util.Set;

/**
 * A step that failed, as a Catch leaves it in the state: {@code {"Error": "...", "Cause": "..."}}.
 * For a Lambda task the cause is itself JSON ({@code {"errorMessage": …, "errorType": …,
 * "stackTrace": […]}}); the report shows its message, not the stack.
 *
 * @param error the error name, e.g. {@code dev.cutover.errors.TransientException}
 * @param cause what went wrong, at most {@value #MAX_CAUSE} characters; {@code null} when not given
 */
record StepError(String error, String cause) {

  static final int MAX_CAUSE = 1000;

  private static final Set<String> FIELDS = Set.of("Error", "Cause");

  /** The error {@code section} holds, or {@code null} when it is not an error output. */
  static StepError of(JsonNode section) {
    if (section == null || !section.isObject() || !section.path("Error").isTextual()) {
      return null;
    }
    for (var names = section.fieldNames(); names.hasNext(); ) {
      if (!FIELDS.contains(names.next())) {
        return null;
      }
    }
    JsonNode cause = section.get("Cause");
    String text = cause == null || cause.isNull() ? null : cause.isTextual() ? message(cause.textValue()) : cause.toString();
    return new StepError(section.get("Error").textValue(), text == null ? null : Text.shorten(text, MAX_CAUSE));
  }

  /** The {@code errorMessage} of a Lambda error cause, or the cause as it is. */
  private static String message(String cause) {
    if (cause.startsWith("{")) {
      try {
        JsonNode parsed = Json.mapper().readTree(cause);
        if (parsed != null && parsed.path("errorMessage").isTextual()) {
          return parsed.get("errorMessage").textValue();
        }
      } catch (java.io.IOException e) {
        // Not JSON after all: show it as it is.
      }
    }
    return cause;
  }

  /** {@code Error: cause}, for a reason line. */
  String describe() {
    return cause == null || cause.isBlank() ? error : error + ": " + cause;
  }
}
