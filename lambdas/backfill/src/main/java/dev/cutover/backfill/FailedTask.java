package dev.cutover.backfill;

/**
 * One object the job could not replicate, from a completion report row.
 *
 * @param bucket the source bucket
 * @param key the object key, URL-decoded (the report has it URL-encoded)
 * @param versionId the object version, or {@code null}
 * @param errorCode S3's error code, e.g. {@code AccessDenied}, or {@code null}
 * @param httpStatus the HTTP status of the failed call, e.g. {@code 403}, or {@code null}
 * @param message S3's result message, or {@code null}
 */
public record FailedTask(
    String bucket, String key, String versionId, String errorCode, String httpStatus, String message) {

  /** The same task with its message cut to {@code max} characters, for bounded payloads. */
  FailedTask withMessageAtMost(int max) {
    if (message == null || message.length() <= max) {
      return this;
    }
    String cut = message.substring(0, max - 1) + "…";
    return new FailedTask(bucket, key, versionId, errorCode, httpStatus, cut);
  }
}
