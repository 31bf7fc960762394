package dev.cutover.asl.definition;

/**
 * One reason a definition is refused, shaped like the diagnostics of Step Functions'
 * {@code ValidateStateMachineDefinition}: an AWS code, a message and a JSON-pointer-like location
 * such as {@code /States/CheckPreflight/Next} (null when AWS gives none).
 */
public record Diagnostic(String code, String message, String location) {

  public static final String SCHEMA_VALIDATION_FAILED = "SCHEMA_VALIDATION_FAILED";
  public static final String MISSING_TRANSITION_TARGET = "MISSING_TRANSITION_TARGET";
  public static final String MISSING_END_STATE = "MISSING_END_STATE";
  public static final String DUPLICATE_STATE_NAME = "DUPLICATE_STATE_NAME";
  public static final String INVALID_JSON_DESCRIPTION = "INVALID_JSON_DESCRIPTION";

  /** As AWS prints it inside an {@code InvalidDefinition} message. */
  @Override
  public String toString() {
    return code + ": " + message + (location == null ? "" : " at " + location);
  }
}
