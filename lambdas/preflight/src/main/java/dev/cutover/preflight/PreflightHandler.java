package dev.cutover.preflight;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.AwsClients;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.logging.StepLogging;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.preflight.aws.AwsFacts;
import dev.cutover.preflight.port.Facts;
import dev.cutover.task.TaskPayload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry of the preflight step (DESIGN.md §1 step 1). Input: {@link PreflightInput}.
 * Output: {@link PreflightResult}.
 *
 * <p>A failing preflight is returned, not thrown: {@code passed} is false and the workflow's
 * Choice stops with every finding in hand. Errors are thrown as the error contract: bad input as
 * {@code InvalidPlanException} (every problem with its field path, before any AWS call),
 * throttling and 5xx answers as {@code TransientException}.
 *
 * <p>Each side is read as its own role ({@code source.roleArn}, {@code target.roleArn}) with
 * {@code x-amz-expected-bucket-owner} set to its account. The roles need, on their bucket:
 * {@code s3:ListBucket}, {@code s3:GetBucketVersioning}, {@code s3:GetBucketOwnershipControls},
 * {@code s3:GetEncryptionConfiguration}, {@code s3:GetLifecycleConfiguration}; blue's also {@code
 * s3:GetObject} on the prefix and {@code kms:DescribeKey} in its account (to tell {@code aws/s3}
 * from customer managed keys). Anything missing is reported as a finding naming the permission.
 */
public final class PreflightHandler implements RequestStreamHandler {

  private static final Logger LOG = LoggerFactory.getLogger(PreflightHandler.class);

  private final Facts facts;
  private final Supplier<PreflightSettings> settings;

  /** For the Lambda runtime: real clients, built once per container. */
  public PreflightHandler() {
    this(new AwsFacts(new AwsClients()), () -> PreflightSettings.fromEnvironment(System.getenv()));
  }

  /**
   * For the local runtime ({@code cutover rehearse}): the same step on other ports.
   * {@code environment} stands in for the process environment: the same variables the Lambda reads.
   */
  public static PreflightHandler local(Facts facts, Map<String, String> environment) {
    return new PreflightHandler(facts, () -> PreflightSettings.fromEnvironment(environment));
  }

  PreflightHandler(Facts facts, Supplier<PreflightSettings> settings) {
    this.facts = facts;
    this.settings = settings;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode payload = TaskPayload.read(input);
    PreflightResult result =
        StepLogging.handle(context, payload == null ? Map.of() : payload, () -> preflight(payload));
    output.write(Json.write(result).getBytes(StandardCharsets.UTF_8));
  }

  private PreflightResult preflight(JsonNode payload) {
    if (payload == null) {
      throw new InvalidPlanException(List.of(new PlanProblem("$", "the preflight task input is not JSON.")));
    }
    Plan plan = PreflightInput.parse(payload).plan();
    LOG.info(
        "Preflight of s3://{}/{} ({}) -> s3://{}/{} ({})",
        plan.source().bucket(), plan.source().prefixOrEmpty(), plan.source().region(),
        plan.target().bucket(), plan.effectiveTargetPrefix(), plan.target().region());
    PreflightResult result = new PreflightStep(facts, settings.get()).run(plan);
    LOG.info(
        "Preflight {}: {}; {} objects, {} bytes, {} archived; estimated cost ${}",
        result.passed() ? "passed" : "failed", result.counts(), result.estimate().objects(),
        result.estimate().bytes(), result.estimate().archivedObjects(), result.estimate().costUsd().total());
    return result;
  }
}
