package dev.cutover.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.Plans;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
  private static final int MAX_KEY_BYTES = 1024;
  private static final List<String> FIELDS = List.of("executionId", "plan", "keys", "keysFrom", "resume");

  static VerifyInput parse(JsonNode payload) {
    List<PlanProblem> problems = new ArrayList<>();
    if (payload == null || !payload.isObject()) {
      throw new InvalidPlanException(
          List.of(new PlanProblem("$", "the verify task input must be a JSON object with executionId and plan (and optionally keys).")));
    }
    payload.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        problems.add(new PlanProblem(name, "is not a field the verify step reads; it reads " + String.join(", ", FIELDS) + "."));
      }
    });
    JsonNode id = payload.get("executionId");
    String executionId = null;
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      problems.add(new PlanProblem("executionId", "is required: pass the execution ARN ($states.context.Execution.Id) as a string."));
    } else {
      executionId = id.asText();
    }
    Plan plan = null;
    JsonNode planNode = payload.get("plan");
    if (planNode == null || !planNode.isObject()) {
      problems.add(new PlanProblem("plan", "is required: pass the execution input (the plan) as a JSON object."));
    } else {
      try {
        plan = Plans.parse(planNode);
      } catch (InvalidPlanException e) {
        e.problems().forEach(p -> problems.add(new PlanProblem("plan." + p.field(), p.message())));
      }
    }
    // The prefix as given, so the keys are checked even when another plan field is wrong.
    String prefix = plan != null ? plan.source().prefixOrEmpty() : payload.path("plan").path("source").path("prefix").asText("");
    List<String> keys = keys(payload.get("keys"), prefix, problems);
    KeysFrom keysFrom =
        KeysFrom.parse(
            payload.get("keysFrom"),
            plan == null ? null : plan.batch().reportBucket(),
            plan == null ? null : plan.batch().reportPrefix() + plan.migrationId() + "/",
            problems);
    if (payload.hasNonNull("keys") && payload.hasNonNull("keysFrom")) {
      problems.add(new PlanProblem("keysFrom", "cannot be given with keys; give the keys, or where to read them, not both."));
    }
    Resume resume = ResumeInput.parse(payload.get("resume"), plan == null ? null : plan.migrationId(), prefix, problems);
    if (resume != null && (keys != null || keysFrom != null)) {
      problems.add(new PlanProblem("resume", "applies to a listing verification only; leave it out when keys or keysFrom are given."));
    }
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
    return new VerifyInput(executionId, plan, keys, keysFrom, resume);
  }

  private static List<String> keys(JsonNode node, String prefix, List<PlanProblem> problems) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray() || node.isEmpty() || node.size() > MAX_KEYS) {
      problems.add(new PlanProblem("keys", "must be an array of 1 to " + MAX_KEYS + " object keys, or left out to verify every key under the prefix."));
      return null;
    }
    List<String> keys = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode key = node.get(i);
      String problem = key.isTextual() ? keyProblem(key.asText(), prefix, seen) : "must be a non-empty string: an object key in the source bucket.";
      if (problem != null) {
        problems.add(new PlanProblem("keys[" + i + "]", problem));
      } else {
        keys.add(key.asText());
      }
    }
    return keys;
  }

  /**
   * What is wrong with {@code key} as a key to compare, or {@code null} when nothing is (it is
   * then added to {@code seen}).
   */
  static String keyProblem(String key, String prefix, Set<String> seen) {
    if (key.isEmpty()) {
      return "must be a non-empty string: an object key in the source bucket.";
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      return "is longer than " + MAX_KEY_BYTES + " bytes, the longest key S3 allows.";
    }
    if (!key.startsWith(prefix)) {
      return "\"" + key + "\" is not under the source prefix \"" + prefix + "\"; give full source keys.";
    }
    if (!seen.add(key)) {
      return "\"" + key + "\" is listed twice; list each key once.";
    }
    return null;
  }
}
