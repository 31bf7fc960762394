package dev.cutover.local.batch;

/**
 * A Lambda function the local Batch Operations invokes for a {@code LambdaInvoke} job, in process:
 * the event is S3 Batch Operations' invocation JSON (schema 1.0 or 2.0), the return value the
 * function's JSON response. The rehearsal adapts a step's {@code RequestStreamHandler} to it.
 */
@FunctionalInterface
public interface LambdaFunction {

  /**
   * @param event the invocation, as Lambda would pass it
   * @return the function's response
   * @throws Exception a function error: the tasks of the invocation fail
   */
  String invoke(String event) throws Exception;
}
