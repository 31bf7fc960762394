package dev.cutover.parity;

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
  private static final int MAX_KEY_BYTES = 1024;
  private static final List<String> FIELDS = List.of("executionId", "plan", "sampleKeys");

  static ParityInput parse(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      throw new InvalidPlanException(
          List.of(new PlanProblem("$", "the parity task input must be a JSON object with executionId and plan (and optionally sampleKeys).")));
    }
    List<PlanProblem> problems = new ArrayList<>();
    payload.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        problems.add(new PlanProblem(name, "is not a field the parity step reads; it reads " + String.join(", ", FIELDS) + "."));
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
    List<String> keys = keys(payload.get("sampleKeys"), prefix, problems);
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
    return new ParityInput(executionId, plan, keys);
  }

  private static List<String> keys(JsonNode node, String prefix, List<PlanProblem> problems) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray() || node.isEmpty() || node.size() > MAX_KEYS) {
      problems.add(new PlanProblem("sampleKeys", "must be an array of 1 to " + MAX_KEYS + " object keys, hottest first, or left out to sample blue's listing."));
      return null;
    }
    List<String> keys = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode key = node.get(i);
      String field = "sampleKeys[" + i + "]";
      if (!key.isTextual() || key.asText().isEmpty()) {
        problems.add(new PlanProblem(field, "must be a non-empty string: an object key in the source bucket."));
      } else if (key.asText().getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
        problems.add(new PlanProblem(field, "is longer than " + MAX_KEY_BYTES + " bytes, the longest key S3 allows."));
      } else if (!key.asText().startsWith(prefix)) {
        problems.add(new PlanProblem(field, "\"" + key.asText() + "\" is not under the source prefix \"" + prefix + "\"; give full source keys."));
      } else if (!seen.add(key.asText())) {
        problems.add(new PlanProblem(field, "\"" + key.asText() + "\" is listed twice; list each key once."));
      } else {
        keys.add(key.asText());
      }
    }
    return keys;
  }
}
