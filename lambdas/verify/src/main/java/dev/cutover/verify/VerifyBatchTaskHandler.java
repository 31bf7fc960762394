package dev.cutover.verify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.cutover.aws.AwsClients;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.logging.StepLogging;
import dev.cutover.plan.PlanProblem;
import dev.cutover.task.TaskPayload;
import dev.cutover.verify.BatchInvocation.Request;
import dev.cutover.verify.BatchInvocation.Response;
import dev.cutover.verify.aws.S3Buckets;
import dev.cutover.verify.port.Buckets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Lambda entry for S3 Batch Operations' "Invoke AWS Lambda function" operation, invocation schema
 * 2.0: the object comparison at any scale (a manifest of billions of keys), one task per object.
 * See {@link BatchTaskStep} for the result codes and {@link BatchArguments} for the job's user
 * arguments.
 *
 * <p>The request is read leniently, unlike step payloads: its schema belongs to AWS, which may add
 * fields. The log correlation id is the Batch Operations job id.
 */
public final class VerifyBatchTaskHandler implements RequestStreamHandler {

  private static final ObjectReader REQUEST =
      Json.mapper().readerFor(Request.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Buckets buckets;
  private final Supplier<VerifySettings> settings;
  private final Retrier.Sleeper sleeper;

  /** For the Lambda runtime: real S3 clients, built once per container. */
  public VerifyBatchTaskHandler() {
    this(new S3Buckets(new AwsClients()), () -> VerifySettings.fromEnvironment(System.getenv()), Retrier.Sleeper.REAL);
  }

  /**
   * For the local runtime ({@code cutover rehearse}): the same step on other ports.
   * {@code environment} stands in for the process environment: the same variables the Lambda reads.
   */
  public static VerifyBatchTaskHandler local(Buckets buckets, Map<String, String> environment) {
    return new VerifyBatchTaskHandler(buckets, () -> VerifySettings.fromEnvironment(environment), Retrier.Sleeper.REAL);
  }

  VerifyBatchTaskHandler(Buckets buckets, Supplier<VerifySettings> settings, Retrier.Sleeper sleeper) {
    this.buckets = buckets;
    this.settings = settings;
    this.sleeper = sleeper;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode payload = TaskPayload.read(input);
    String jobId = payload == null ? "" : payload.path("job").path("id").asText("");
    Response response =
        StepLogging.handle(
            context,
            Map.of(StepLogging.EXECUTION_ID_PATH, jobId),
            () -> new BatchTaskStep(buckets, settings.get(), sleeper).run(request(payload)));
    output.write(Json.write(response).getBytes(StandardCharsets.UTF_8));
  }

  private static Request request(JsonNode payload) {
    Request request = null;
    if (payload != null) {
      try {
        request = REQUEST.readValue(payload);
      } catch (IOException e) {
        request = null;
      }
    }
    if (request == null || request.invocationId() == null || request.tasks() == null) {
      throw new InvalidPlanException(
          List.of(
              new PlanProblem(
                  "$",
                  "not an S3 Batch Operations invocation (invocationSchemaVersion, invocationId, job, tasks);"
                      + " this function is invoked by a Batch Operations LambdaInvoke job.")));
    }
    return request;
  }
}
