package dev.cutover.local.endpoint;

/**
 * An error as Step Functions answers it: HTTP 400 with the AWS error code (the SDK turns {@code
 * ExecutionDoesNotExist} into {@code ExecutionDoesNotExistException}) and a message.
 */
final class ApiException extends RuntimeException {

  private final String code;

  ApiException(String code, String message) {
    super(message);
    this.code = code;
  }

  String code() {
    return code;
  }

  /** The message AWS's request validation gives, e.g. for a missing member or a value out of range. */
  static ApiException validation(String field, Object value, String constraint) {
    String shown = value == null ? "null" : "'" + value + "'";
    return new ApiException("ValidationException",
        "1 validation error detected: Value " + shown + " at '" + field + "' failed to satisfy constraint: " + constraint);
  }

  static ApiException serialization(String message) {
    return new ApiException("SerializationException", message);
  }
}
