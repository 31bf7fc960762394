package dev.cutover.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.task.TaskPayload;
import java.util.List;

/**
 * The verify task's payload:
 *
 * <pre>{@code
 * {
 *   "executionId": "arn:aws:states:us-east-1:444455556666:execution:cutover:run-1",
 *   "plan": { ... the execution input ... },
 *   "keys": ["static/app.js", "static/index.html"],     // optional
 *   "keysFrom": {"uri": "s3://...", "offset": 0, "limit": 1000},  // optional, instead of keys
 *   "resume": { ... the previous result, complete: false }  // optional, listing only
 * }
 * }</pre>
 *
 * Without {@code keys} the step diffs everything under the plan's prefix; with them it compares
 * just those blue keys (at most {@value #MAX_KEYS}, each under the source prefix). With {@code
 * keysFrom} it reads them from a window of a key list in the report bucket ({@link KeysFrom}): the
 * log scan's ranked list of the keys users request, up to 100 000 of them, a window per
 * invocation. Every problem of the payload is reported at once with its field path before
 * anything is read; the keys a {@code keysFrom} window holds are checked as soon as it is read,
 * before any object is.
 *
 * @param executionId the Step Functions execution ARN: log correlation id, names the report
 * @param plan the parsed, validated plan
 * @param keys the blue keys to compare; {@code null} for the whole listing or {@code keysFrom}
 * @param keysFrom where to read the keys to compare; {@code null} when they are given or for the
 *     whole listing
 * @param resume the previous invocation's result when a listing verification ran out of Lambda
 *     time ({@code complete: false}); {@code null} to start at the first key
 */
record VerifyInput(String executionId, Plan plan, List<String> keys, KeysFrom keysFrom, Resume resume) {

  static final int MAX_KEYS = 1000;
  private static final List<String> FIELDS = List.of("executionId", "plan", "keys", "keysFrom", "resume");

  static VerifyInput parse(JsonNode node) {
    TaskPayload payload = TaskPayload.of(node, "verify", FIELDS);
    List<PlanProblem> problems = payload.problems();
    String executionId = payload.executionId();
    Plan plan = payload.plan();
    String prefix = payload.sourcePrefix(plan);
    List<String> keys =
        payload.sourceKeys(
            "keys", prefix, MAX_KEYS, "must be an array of 1 to " + MAX_KEYS + " object keys, or left out to verify every key under the prefix.");
    KeysFrom keysFrom =
        KeysFrom.parse(
            node.get("keysFrom"),
            plan == null ? null : plan.batch().reportBucket(),
            plan == null ? null : plan.batch().reportPrefix() + plan.migrationId() + "/",
            problems);
    if (node.hasNonNull("keys") && node.hasNonNull("keysFrom")) {
      problems.add(new PlanProblem("keysFrom", "cannot be given with keys; give the keys, or where to read them, not both."));
    }
    Resume resume = ResumeInput.parse(node.get("resume"), plan == null ? null : plan.migrationId(), prefix, problems);
    if (resume != null && (keys != null || keysFrom != null)) {
      problems.add(new PlanProblem("resume", "applies to a listing verification only; leave it out when keys or keysFrom are given."));
    }
    payload.done();
    return new VerifyInput(executionId, plan, keys, keysFrom, resume);
  }
}
