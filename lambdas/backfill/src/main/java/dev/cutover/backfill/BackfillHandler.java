package dev.cutover.backfill;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.cutover.aws.AwsClients;
import dev.cutover.backfill.aws.AwsBackfillPorts;
import dev.cutover.backfill.port.BatchJobs;
import dev.cutover.backfill.port.ReportObjects;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.logging.StepLogging;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Lambda entry of the backfill step (S3 Batch Replication of the objects that existed before the
 * replication rule). The payload's {@code action} picks what to do:
 *
 * <pre>{@code
 * {"action": "START", "executionId": "arn:aws:states:…:execution:cutover:run-1",
 *  "stateName": "StartBackfill", "plan": {…}}                → BackfillStarted
 * {"action": "REDRIVE", …same fields…, "attempt": 1}         → BackfillStarted
 * {"action": "DESCRIBE", "executionId": …, "jobId": "…", "plan": {…}} → BackfillProgress
 * {"action": "REPORT", "executionId": …, "jobId": "…", "plan": {…}}   → BackfillReport
 * }</pre>
 *
 * <p>Configuration: {@value BackfillStep#BATCH_ROLE_VARIABLE}, the ARN of the IAM role (in the
 * source account) that S3 Batch Operations assumes to replicate the objects; {@code
 * AWS_ENDPOINT_URL_S3_CONTROL} / {@code AWS_ENDPOINT_URL_S3} for local runs.
 */
public final class BackfillHandler implements RequestStreamHandler {

  private final Function<Plan, BatchJobs> batchJobs;
  private final Function<Plan, ReportObjects> reports;
  private final String batchRoleArn;

  /** For the Lambda runtime: AWS clients built once per container. */
  public BackfillHandler() {
    this(new AwsBackfillPorts(new AwsClients()), System.getenv(BackfillStep.BATCH_ROLE_VARIABLE));
  }

  private BackfillHandler(AwsBackfillPorts ports, String batchRoleArn) {
    this(ports::batchJobs, ports::reportObjects, batchRoleArn);
  }

  /** For tests: the ports for each invocation's plan, and the Batch Operations role. */
  /**
   * For the local runtime ({@code cutover rehearse}): the same step on other ports, each built for the invocation's plan.
   * {@code environment} stands in for the process environment: the same variables the Lambda reads.
   */
  public static BackfillHandler local(
      Function<Plan, BatchJobs> batchJobs, Function<Plan, ReportObjects> reports, Map<String, String> environment) {
    return new BackfillHandler(batchJobs, reports, environment.get(BackfillStep.BATCH_ROLE_VARIABLE));
  }

  BackfillHandler(
      Function<Plan, BatchJobs> batchJobs, Function<Plan, ReportObjects> reports, String batchRoleArn) {
    this.batchJobs = batchJobs;
    this.reports = reports;
    this.batchRoleArn = batchRoleArn;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] bytes = input.readAllBytes();
    JsonNode payload = parse(bytes);
    Object result =
        StepLogging.handle(
            context,
            payload == null ? Json.mapper().createObjectNode() : payload,
            () -> run(payload));
    Json.mapper().writeValue(output, result);
  }

  private Object run(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      throw new InvalidPlanException(
          List.of(
              new PlanProblem(
                  "$",
                  "the task payload is not a JSON object; the state must pass {action,"
                      + " executionId, plan, …}.")));
    }
    BackfillRequest request = bind(payload);
    Plan plan = request.validate();
    BackfillStep step = new BackfillStep(batchJobs.apply(plan), reports.apply(plan), batchRoleArn);
    String executionId = request.executionId();
    return switch (request.action()) {
      case START -> step.start(plan, executionId, request.stateName(), request.attemptOrFirst());
      case REDRIVE -> step.redrive(plan, executionId, request.stateName(), request.attemptOrFirst());
      case DESCRIBE -> step.describe(plan, request.jobId());
      case REPORT -> step.report(plan, request.jobId());
    };
  }

  private static JsonNode parse(byte[] bytes) {
    try {
      return Json.mapper().readTree(bytes);
    } catch (IOException e) {
      return null;
    }
  }

  private static BackfillRequest bind(JsonNode payload) {
    try {
      return Json.mapper().treeToValue(payload, BackfillRequest.class);
    } catch (JsonMappingException e) {
      String field =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."));
      throw new InvalidPlanException(List.of(new PlanProblem(field.isEmpty() ? "$" : field, problem(e))));
    } catch (JsonProcessingException e) {
      throw new InvalidPlanException(List.of(new PlanProblem("$", e.getOriginalMessage())));
    }
  }

  private static String problem(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException) {
      return "is not a field of the backfill payload, which takes action, executionId, stateName,"
          + " attempt, jobId and plan.";
    }
    if (e instanceof InvalidFormatException format && format.getTargetType() == BackfillAction.class) {
      return "\"" + format.getValue() + "\" is not an action; give one of "
          + Arrays.stream(BackfillAction.values()).map(Enum::name).collect(Collectors.joining(", ")) + ".";
    }
    return "has the wrong type: " + e.getOriginalMessage();
  }
}
