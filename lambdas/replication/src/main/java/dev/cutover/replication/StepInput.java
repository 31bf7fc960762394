package dev.cutover.replication;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.Plans;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The task payload: {@code {"executionId": ..., "action": "ENABLE" | "RESTORE", "plan": {...}}}.
 * Read by hand rather than bound, so every problem names its field and all are reported at once.
 *
 * @param executionId the Step Functions execution ARN: the log correlation id, and who wrote the
 *     record of the original configuration
 */
record StepInput(String executionId, Action action, Plan plan) {

  private static final Set<String> FIELDS = Set.of("executionId", "action", "plan");

  /**
   * @throws InvalidPlanException listing every problem with the payload and the plan in it
   */
  static StepInput parse(JsonNode payload) {
    List<PlanProblem> problems = new ArrayList<>();
    if (payload == null || !payload.isObject()) {
      throw new InvalidPlanException(
          List.of(new PlanProblem("$", "the task payload must be a JSON object with executionId, action and plan.")));
    }
    for (Iterator<String> names = payload.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        problems.add(new PlanProblem(name, "is not a field of the replication step's payload; it takes executionId, action and plan."));
      }
    }
    String executionId = text(payload, "executionId", problems, "the Step Functions execution ARN; pass $states.context.Execution.Id");
    String actionName = text(payload, "action", problems, "ENABLE or RESTORE");
    Action action = null;
    if (actionName != null) {
      action = Arrays.stream(Action.values()).filter(a -> a.name().equals(actionName)).findFirst().orElse(null);
      if (action == null) {
        problems.add(new PlanProblem("action", "\"" + actionName + "\" is not an action of the replication step; use ENABLE or RESTORE."));
      }
    }
    Plan plan = null;
    JsonNode planNode = payload.get("plan");
    if (planNode == null || planNode.isNull()) {
      problems.add(new PlanProblem("plan", "is missing; pass the execution input (see events/migrate.json)."));
    } else {
      try {
        plan = Plans.parse(planNode);
      } catch (InvalidPlanException e) {
        // Paths in the plan are relative to it; in the payload the plan sits under "plan".
        e.problems().stream()
            .map(p -> new PlanProblem(p.field().equals("$") ? "plan" : "plan." + p.field(), p.message()))
            .forEach(problems::add);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
    return new StepInput(executionId, action, plan);
  }

  private static String text(JsonNode payload, String field, List<PlanProblem> problems, String expected) {
    JsonNode node = payload.get(field);
    if (node == null || node.isNull()) {
      problems.add(new PlanProblem(field, "is missing; give " + expected + "."));
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      problems.add(new PlanProblem(field, "must be a non-empty string: " + expected + "."));
      return null;
    }
    return node.asText();
  }
}
