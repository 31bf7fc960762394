package dev.cutover.replication;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.AwsClients;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.logging.StepLogging;
import dev.cutover.plan.PlanProblem;
import dev.cutover.replication.aws.S3BucketReplication;
import dev.cutover.replication.aws.S3Clients;
import dev.cutover.replication.aws.S3RecordStore;
import dev.cutover.replication.port.BucketReplication;
import dev.cutover.replication.port.RecordStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda entry of the replication step (DESIGN.md §1, step 2): {@code ENABLE} adds the rule blue →
 * green, {@code RESTORE} puts blue's configuration from before cutover back (rollback).
 *
 * <p>Payload {@code {"executionId": "<execution ARN>", "action": "ENABLE" | "RESTORE", "plan":
 * {...}}}; result a {@link ReplicationResult}. Environment: {@value #REPLICATION_ROLE_ARN} (needed
 * to enable), and what {@link AwsClients} reads ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_S3}
 * for local runs).
 */
public final class ReplicationHandler implements RequestStreamHandler {

  /**
   * The IAM role S3 assumes to replicate blue → green: a role of the source account, allowed to
   * read the source bucket and replicate into the target bucket (and use the KMS keys).
   */
  public static final String REPLICATION_ROLE_ARN = "CUTOVER_REPLICATION_ROLE_ARN";

  private static final Logger LOG = LoggerFactory.getLogger(ReplicationHandler.class);

  private final ReplicationStep step;

  /** For the Lambda runtime: real clients, built once per container. */
  public ReplicationHandler() {
    this(S3Clients.from(new AwsClients()), System.getenv(REPLICATION_ROLE_ARN));
  }

  private ReplicationHandler(S3Clients clients, String replicationRoleArn) {
    this(new S3BucketReplication(clients), new S3RecordStore(clients), replicationRoleArn);
  }

  /**
   * For the local runtime ({@code cutover rehearse}): the same step on other ports.
   * {@code environment} stands in for the process environment: the same variables the Lambda reads.
   */
  public static ReplicationHandler local(BucketReplication replication, RecordStore records, Map<String, String> environment) {
    return new ReplicationHandler(replication, records, environment.get(REPLICATION_ROLE_ARN));
  }

  ReplicationHandler(BucketReplication replication, RecordStore records, String replicationRoleArn) {
    this.step = new ReplicationStep(replication, records, replicationRoleArn);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    byte[] payload = input.readAllBytes();
    ReplicationResult result = StepLogging.handle(context, forLogging(payload), () -> run(payload));
    output.write(Json.write(result).getBytes(StandardCharsets.UTF_8));
  }

  private ReplicationResult run(byte[] payload) {
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(payload);
    } catch (IOException e) {
      String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new InvalidPlanException(
          List.of(
              new PlanProblem(
                  "$",
                  "the task payload is not valid JSON (" + reason + "); pass {\"executionId\","
                      + " \"action\", \"plan\"}.")));
    }
    StepInput input = StepInput.parse(tree);
    ReplicationResult result =
        switch (input.action()) {
          case ENABLE -> step.enable(input.executionId(), input.plan());
          case RESTORE -> step.restore(input.plan());
        };
    LOG.info(
        "{} replication on {}: {} (rule {}, original at {})",
        result.action(), result.sourceBucket(), result.outcome(), result.ruleId(), result.original());
    return result;
  }

  /** The payload as a tree for the log's correlation id; an empty object when it is not JSON. */
  private static JsonNode forLogging(byte[] payload) {
    try {
      JsonNode tree = Json.mapper().readTree(payload);
      return tree != null && tree.isObject() ? tree : Json.mapper().createObjectNode();
    } catch (IOException e) {
      return Json.mapper().createObjectNode();
    }
  }
}
