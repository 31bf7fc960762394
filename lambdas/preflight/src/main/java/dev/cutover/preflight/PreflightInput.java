package dev.cutover.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.Plans;
import java.util.ArrayList;
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

  static PreflightInput parse(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      throw new InvalidPlanException(
          List.of(new PlanProblem("$", "the preflight task input must be a JSON object with executionId and plan.")));
    }
    List<PlanProblem> problems = new ArrayList<>();
    payload.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        problems.add(new PlanProblem(name, "is not a field the preflight step reads; it reads " + String.join(", ", FIELDS) + "."));
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
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
    return new PreflightInput(executionId, plan);
  }
}
