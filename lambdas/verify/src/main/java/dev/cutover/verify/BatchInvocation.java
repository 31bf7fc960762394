package dev.cutover.verify;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The JSON S3 Batch Operations exchanges with a Lambda function it invokes ("Invoke AWS Lambda
 * function" operation), invocation schema 2.0.
 */
final class BatchInvocation {

  private BatchInvocation() {}

  /**
   * What Batch Operations sends.
   *
   * @param invocationSchemaVersion {@code 2.0} (only 2.0 carries {@code userArguments})
   * @param invocationId copied into the response
   * @param job the job's id and the {@code UserArguments} it was created with
   * @param tasks the objects to process (one per invocation today)
   */
  record Request(String invocationSchemaVersion, String invocationId, Job job, List<Task> tasks) {}

  record Job(String id, Map<String, String> userArguments) {}

  /**
   * One object of the manifest.
   *
   * @param taskId copied into the task's result
   * @param s3Key the key as the manifest gave it, URL-encoded (see {@link BatchTaskStep})
   * @param s3VersionId the manifest's version id, or {@code null}
   * @param s3Bucket the bucket's name (schema 1.0 sent {@code s3BucketArn} instead)
   */
  record Task(String taskId, String s3Key, String s3VersionId, String s3Bucket) {}

  /**
   * What the function returns.
   *
   * @param treatMissingKeysAs the result of a task this response leaves out; always {@code
   *     PermanentFailure}, so a task can never pass by being forgotten
   */
  @JsonPropertyOrder({"invocationSchemaVersion", "treatMissingKeysAs", "invocationId", "results"})
  record Response(String invocationSchemaVersion, String treatMissingKeysAs, String invocationId, List<Result> results) {}

  /**
   * One task's outcome, which lands in the job's completion report.
   *
   * @param resultCode {@code Succeeded}, {@code TemporaryFailure} (Batch Operations retries the
   *     task) or {@code PermanentFailure}
   * @param resultString a short explanation for the completion report
   */
  @JsonPropertyOrder({"taskId", "resultCode", "resultString"})
  record Result(String taskId, String resultCode, String resultString) {}

  static final String SUCCEEDED = "Succeeded";
  static final String TEMPORARY_FAILURE = "TemporaryFailure";
  static final String PERMANENT_FAILURE = "PermanentFailure";
}
