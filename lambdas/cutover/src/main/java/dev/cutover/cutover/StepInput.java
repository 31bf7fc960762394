package dev.cutover.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.plan.Mode;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.Plans;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A task payload of the cutover or rollback step:
 *
 * <pre>{@code
 * {"executionId": "arn:aws:states:...:execution:cutover-migration:run-1",
 *  "action": "POINT_DNS",
 *  "plan": { ... the execution input ... },
 *  "changeId": "C2682N5HXP0BZ4",   // DNS_STATUS only: what POINT_DNS / RESTORE_DNS returned
 *  "side": "BLUE"}                  // DISTRIBUTION_STATUS only
 * }</pre>
 *
 * Read by hand rather than bound, so every problem is named with its field path and all are
 * reported at once, before anything is read or changed.
 */
record StepInput<A extends Enum<A> & Action>(String executionId, A action, Plan plan, String changeId, SideName side) {

  private static final List<String> FIELDS = List.of("executionId", "action", "plan", "changeId", "side");

  /**
   * @param actions the step's actions
   * @param step the step's name, for messages
   * @param modesForChanges the plan modes whose runs may use the actions that change something
   * @throws InvalidPlanException listing every problem with the payload and the plan in it
   */
  static <A extends Enum<A> & Action> StepInput<A> parse(
      JsonNode payload, Class<A> actions, String step, Set<Mode> modesForChanges) {
    String names = Arrays.stream(actions.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    if (payload == null || !payload.isObject()) {
      throw new InvalidPlanException(
          List.of(new PlanProblem("$", "the " + step + " task payload must be a JSON object with executionId, action and plan.")));
    }
    List<PlanProblem> problems = new ArrayList<>();
    for (Iterator<String> it = payload.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        problems.add(new PlanProblem(name, "is not a field of the " + step + " step's payload; it takes " + String.join(", ", FIELDS) + "."));
      }
    }
    String executionId = text(payload, "executionId", problems, "the Step Functions execution ARN; pass $states.context.Execution.Id");
    String actionName = text(payload, "action", problems, "one of " + names);
    A action = null;
    if (actionName != null) {
      action = Arrays.stream(actions.getEnumConstants()).filter(a -> a.name().equals(actionName)).findFirst().orElse(null);
      if (action == null) {
        problems.add(new PlanProblem("action", "\"" + actionName + "\" is not an action of the " + step + " step; use one of " + names + "."));
      }
    }

    String changeId = null;
    JsonNode changeNode = payload.get("changeId");
    if (action != null && action.needsChangeId()) {
      changeId = text(payload, "changeId", problems, "the changeId the DNS step returned, e.g. \"C2682N5HXP0BZ4\"");
    } else if (changeNode != null && action != null) {
      problems.add(new PlanProblem("changeId", "is read by DNS_STATUS only; leave it out of " + action.name() + "."));
    }

    SideName side = null;
    JsonNode sideNode = payload.get("side");
    if (action != null && action.needsSide()) {
      String sideName = text(payload, "side", problems, "BLUE or GREEN");
      if (sideName != null) {
        side = Arrays.stream(SideName.values()).filter(s -> s.name().equals(sideName)).findFirst().orElse(null);
        if (side == null) {
          problems.add(new PlanProblem("side", "\"" + sideName + "\" is not a side; use BLUE or GREEN."));
        }
      }
    } else if (sideNode != null && action != null) {
      problems.add(new PlanProblem("side", "is read by DISTRIBUTION_STATUS only; leave it out of " + action.name() + "."));
    }

    Plan plan = null;
    JsonNode planNode = payload.get("plan");
    if (planNode == null || planNode.isNull()) {
      problems.add(new PlanProblem("plan", "is missing; pass the execution input (see events/migrate.json)."));
    } else {
      try {
        plan = Plans.parse(planNode);
      } catch (InvalidPlanException e) {
        e.problems().stream()
            .map(p -> new PlanProblem(p.field().equals("$") ? "plan" : "plan." + p.field(), p.message()))
            .forEach(problems::add);
      }
    }
    if (plan != null) {
      if (plan.dns().isApex()) {
        problems.add(
            new PlanProblem(
                "plan.dns.hostname",
                "\"" + plan.dns().hostname() + "\" is the zone apex. The cutover moves a subdomain"
                    + " with a wildcard alias on green (*.parent), which an apex does not have, and an"
                    + " apex alias cannot move between accounts without AWS Support."));
      }
      if (action != null && action.mutates() && !modesForChanges.contains(plan.mode())) {
        problems.add(
            new PlanProblem(
                "plan.mode",
                plan.mode() + " runs do not " + action.name() + "; the " + step + " step changes"
                    + " things only in " + modesForChanges.stream().map(Mode::name).sorted().collect(Collectors.joining(" and "))
                    + " runs. Check the plan the state machine passes."));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
    return new StepInput<>(executionId, action, plan, changeId, side);
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
