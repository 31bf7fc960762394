package dev.cutover.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.Plans;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report task's payload: the execution and its plan, and what the earlier steps returned.
 *
 * <pre>{@code
 * {
 *   "executionId": "arn:aws:states:us-east-1:444455556666:execution:cutover:run-1",
 *   "plan": { ... the execution input ... },
 *   "preflight": {...}, "backfill": {"progress": {...}, "report": {...}},
 *   "verify": {...}, "verifyKeys": {...}, "checksum": {...}, "parity": {...}, "logscan": {...}
 * }
 * }</pre>
 *
 * {@code executionId} and {@code plan} are required and checked strictly: without them there is no
 * place to write the report. Every section is optional and is read tolerantly later ({@link
 * Evidence}), because a step that did not run or failed must still leave a report behind. A field
 * that is none of these is refused, naming it: it is a typo in the state machine, and the section
 * it was meant to be would otherwise silently show as "not run".
 *
 * @param sections the section fields present in the payload, by name, as given ({@code null} ones
 *     left out: a step that did not run)
 */
record ReportInput(String executionId, Plan plan, Map<String, JsonNode> sections) {

  /** The sections the report knows, in page order. */
  static final List<String> SECTIONS =
      List.of("preflight", "backfill", "verify", "verifyKeys", "checksum", "parity", "logscan");

  static ReportInput parse(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      throw new InvalidPlanException(
          List.of(new PlanProblem("$", "the report task input must be a JSON object with executionId and plan, and the earlier steps' results.")));
    }
    List<PlanProblem> problems = new ArrayList<>();
    List<String> known = new ArrayList<>(List.of("executionId", "plan"));
    known.addAll(SECTIONS);
    payload.fieldNames().forEachRemaining(name -> {
      if (!known.contains(name)) {
        problems.add(new PlanProblem(name, "is not a field the report step reads; it reads " + String.join(", ", known) + "."));
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
        e.problems().forEach(p -> problems.add(new PlanProblem(p.field().equals("$") ? "plan" : "plan." + p.field(), p.message())));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
    Map<String, JsonNode> sections = new LinkedHashMap<>();
    for (String name : SECTIONS) {
      JsonNode section = payload.get(name);
      if (section != null && !section.isNull()) {
        sections.put(name, section);
      }
    }
    return new ReportInput(executionId, plan, sections);
  }
}
