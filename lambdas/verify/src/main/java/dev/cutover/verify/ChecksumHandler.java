package dev.cutover.verify;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.AwsClients;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.logging.StepLogging;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.task.TaskPayload;
import dev.cutover.verify.aws.AwsChecksumPorts;
import dev.cutover.verify.port.ChecksumJobs;
import dev.cutover.verify.port.ReportFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Lambda entry of the checksum comparison: S3 Batch Operations "Compute checksum" on blue and
 * green for the objects the verify step left {@code contentUnverified}, then a key-by-key
 * comparison (see {@link ChecksumStep}). The payload's {@code action} picks what to do (see
 * {@link ChecksumRequest}):
 *
 * <pre>{@code
 * {"action": "START", "executionId": …, "stateName": "ComputeChecksums",
 *  "findings": ["s3://…/findings.jsonl", …], "plan": {…}}             → ChecksumStarted
 * {"action": "DESCRIBE", "executionId": …, "sourceJobId": …, "targetJobId": …, "plan": {…}}
 *                                                                        → ChecksumProgress
 * {"action": "COMPARE", …same fields as DESCRIBE…}                       → ChecksumComparison
 * }</pre>
 *
 * <p>Differing checksums are returned as data ({@code passed: false}), not thrown. Errors (bad
 * input, a role that is not allowed, a job still running at COMPARE) are thrown as the error
 * contract.
 *
 * <p>Configuration: {@value ChecksumStep#SOURCE_ROLE_VARIABLE} and {@value
 * ChecksumStep#TARGET_ROLE_VARIABLE}, the roles S3 Batch Operations assumes in the source and the
 * target account. Each must read its bucket's objects (and decrypt them, for SSE-KMS), read the
 * manifests in the report bucket and write the completion report there ("Granting permissions for
 * Batch Operations", https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-iam-role-policies.html);
 * the report bucket's policy must admit the source account's role. {@code
 * AWS_ENDPOINT_URL_S3_CONTROL} / {@code AWS_ENDPOINT_URL_S3} for local runs.
 */
public final class ChecksumHandler implements RequestStreamHandler {

  private final Function<Plan, ChecksumJobs> sourceJobs;
  private final Function<Plan, ChecksumJobs> targetJobs;
  private final Function<Plan, ReportFiles> reports;
  private final String sourceRoleArn;
  private final String targetRoleArn;
  private final long objectsPerPartition;

  /** For the Lambda runtime: AWS clients built once per container. */
  public ChecksumHandler() {
    this(new AwsChecksumPorts(new AwsClients()), System.getenv());
  }

  private ChecksumHandler(AwsChecksumPorts ports, Map<String, String> environment) {
    this(
        plan -> ports.jobs(plan, plan.source()),
        plan -> ports.jobs(plan, plan.target()),
        ports::reports,
        environment.get(ChecksumStep.SOURCE_ROLE_VARIABLE),
        environment.get(ChecksumStep.TARGET_ROLE_VARIABLE),
        ChecksumStep.OBJECTS_PER_PARTITION);
  }

  /**
   * For the local runtime ({@code cutover rehearse}): the same step on other ports, each built for the invocation's plan.
   * {@code environment} stands in for the process environment: the same variables the Lambda reads.
   */
  public static ChecksumHandler local(
      Function<Plan, ChecksumJobs> sourceJobs,
      Function<Plan, ChecksumJobs> targetJobs,
      Function<Plan, ReportFiles> reports,
      Map<String, String> environment) {
    return new ChecksumHandler(
        sourceJobs,
        targetJobs,
        reports,
        environment.get(ChecksumStep.SOURCE_ROLE_VARIABLE),
        environment.get(ChecksumStep.TARGET_ROLE_VARIABLE),
        ChecksumStep.OBJECTS_PER_PARTITION);
  }

  /** For tests: the ports for each invocation's plan, both Batch Operations roles, the join size. */
  ChecksumHandler(
      Function<Plan, ChecksumJobs> sourceJobs,
      Function<Plan, ChecksumJobs> targetJobs,
      Function<Plan, ReportFiles> reports,
      String sourceRoleArn,
      String targetRoleArn,
      long objectsPerPartition) {
    this.sourceJobs = sourceJobs;
    this.targetJobs = targetJobs;
    this.reports = reports;
    this.sourceRoleArn = sourceRoleArn;
    this.targetRoleArn = targetRoleArn;
    this.objectsPerPartition = objectsPerPartition;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode payload = TaskPayload.read(input);
    Object result =
        StepLogging.handle(context, payload == null ? Json.mapper().createObjectNode() : payload, () -> run(payload));
    output.write(Json.write(result).getBytes(StandardCharsets.UTF_8));
  }

  private Object run(JsonNode payload) {
    if (payload == null) {
      throw new InvalidPlanException(List.of(new PlanProblem("$", "the checksum task input is not JSON.")));
    }
    ChecksumRequest request = ChecksumRequest.parse(payload);
    Plan plan = request.plan();
    ChecksumStep step =
        new ChecksumStep(
            sourceJobs.apply(plan), targetJobs.apply(plan), reports.apply(plan), sourceRoleArn, targetRoleArn, objectsPerPartition);
    return switch (request.action()) {
      case START -> step.start(request);
      case DESCRIBE -> step.describe(request);
      case COMPARE -> step.compare(request);
    };
  }
}
