package dev.cutover.parity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.plan.Plan;
import dev.cutover.task.TaskPayload;
import java.util.List;

/**
 * The parity task's payload:
 *
 * <pre>{@code
 * {
 *   "executionId": "arn:aws:states:us-east-1:444455556666:execution:cutover:run-1",
 *   "plan": { ... the execution input ... },
 *   "sampleKeys": ["static/app.js", "static/index.html"]   // optional, hottest first
 * }
 * }</pre>
 *
 * Without {@code sampleKeys} the step samples blue's listing. With them (the log scan's most
 * requested keys) it probes the first {@code validation.probeSampleSize}. Every problem is
 * reported at once with its field path before anything is read.
 *
 * @param executionId the Step Functions execution ARN: log correlation id, names the report
 * @param plan the parsed, validated plan
 * @param sampleKeys blue keys to probe, or {@code null}
 */
record ParityInput(String executionId, Plan plan, List<String> sampleKeys) {

  static final int MAX_KEYS = 1000;
  private static final List<String> FIELDS = List.of("executionId", "plan", "sampleKeys");

  static ParityInput parse(JsonNode node) {
    TaskPayload payload = TaskPayload.of(node, "parity", FIELDS);
    String executionId = payload.executionId();
    Plan plan = payload.plan();
    List<String> keys =
        payload.sourceKeys(
            "sampleKeys",
            payload.sourcePrefix(plan),
            MAX_KEYS,
            "must be an array of 1 to " + MAX_KEYS + " object keys, hottest first, or left out to sample blue's listing.");
    payload.done();
    return new ParityInput(executionId, plan, keys);
  }
}
