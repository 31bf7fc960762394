package dev.cutover.local.batch;

/**
 * One object of a job's manifest, and what its task did.
 *
 * @param bucket the object's bucket
 * @param key the object key, decoded
 * @param encodedKey the key as the manifest holds it (URL-encoded), which reports and Lambda
 *     invocations carry
 * @param versionId the version the manifest names, or {@code null} for the current one
 */
record BatchTask(String bucket, String key, String encodedKey, String versionId) {

  /**
   * What one attempt of a task did.
   *
   * @param succeeded whether it succeeded
   * @param temporary for a failure: whether another attempt may pass
   * @param httpStatus the report's HTTP status column
   * @param errorCode the report's error code column, or {@code null}
   * @param message the report's result message
   */
  record Result(boolean succeeded, boolean temporary, String httpStatus, String errorCode, String message) {

    static Result success(String message) {
      return new Result(true, false, "200", null, message);
    }

    static Result failure(S3Failure failure) {
      return new Result(false, failure.temporary(), Integer.toString(failure.httpStatus()), failure.errorCode(), failure.message());
    }

    static Result permanent(String httpStatus, String errorCode, String message) {
      return new Result(false, false, httpStatus, errorCode, message);
    }

    static Result temporary(String httpStatus, String errorCode, String message) {
      return new Result(false, true, httpStatus, errorCode, message);
    }
  }
}
