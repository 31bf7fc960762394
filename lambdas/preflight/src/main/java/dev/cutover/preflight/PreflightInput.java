package dev.cutover.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.plan.Plan;
import dev.cutover.task.TaskPayload;
import java.util.List;

/**
 * The preflight task's payload:
 *
 * <pre>{@code
 * {
 *   "executionId": "arn:aws:states:us-east-1:444455556666:execution:cutover:run-1",
 *   "plan": { ... the execution input ... }
 * }
 * }</pre>
 *
 * Every problem is reported at once, each with its field path ({@code plan.} in front of the
 * plan's own), before anything is read.
 *
 * @param executionId the Step Functions execution ARN: the log correlation id
 * @param plan the parsed, validated plan
 */
record PreflightInput(String executionId, Plan plan) {

  private static final List<String> FIELDS = List.of("executionId", "plan");

  static PreflightInput parse(JsonNode node) {
    TaskPayload payload = TaskPayload.of(node, "preflight", FIELDS);
    String executionId = payload.executionId();
    Plan plan = payload.plan();
    payload.done();
    return new PreflightInput(executionId, plan);
  }
}
