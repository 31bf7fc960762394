package dev.cutover.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads an execution input into a {@link Plan}: syntax, then shape (unknown fields, types,
 * required fields), then the rules in {@link PlanValidator}. Every problem found is reported at
 * once, each with its field path.
 */
public final class Plans {

  private Plans() {}

  /** The plan in {@code json}, or an {@link InvalidPlanException} listing every problem. */
  public static Plan parse(String json) {
    List<PlanProblem> problems = new ArrayList<>();
    PlanValidator.checkSize(json).ifPresent(problems::add);
    JsonNode node;
    try {
      node = Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      problems.add(syntaxProblem(e));
      throw new InvalidPlanException(problems);
    }
    if (node == null || node.isMissingNode()) {
      problems.add(new PlanProblem("$", "the input is empty; give the plan as a JSON object (see events/migrate.json)."));
      throw new InvalidPlanException(problems);
    }
    return fromTree(node, problems);
  }

  /** The plan in an already parsed JSON tree (a task payload's {@code plan} field). */
  public static Plan parse(JsonNode node) {
    List<PlanProblem> problems = new ArrayList<>();
    PlanValidator.checkSize(node.toString()).ifPresent(problems::add);
    return fromTree(node, problems);
  }

  private static Plan fromTree(JsonNode node, List<PlanProblem> problems) {
    List<PlanProblem> shape = new ArrayList<>();
    PlanShape.check(node, Plan.class, "", shape);
    problems.addAll(shape);
    boolean onlyUnknownFields = shape.stream().allMatch(p -> p.message().startsWith(PlanShape.UNKNOWN_FIELD));
    if (!onlyUnknownFields) {
      throw new InvalidPlanException(problems);
    }
    // Misspelt fields are reported, and the rules still run on the rest so every problem shows at once.
    Plan plan;
    try {
      plan = Json.mapper().treeToValue(PlanShape.withoutUnknownFields(node, Plan.class), Plan.class);
    } catch (JsonProcessingException e) {
      // The shape check above mirrors the records, so this means the two disagree: a defect.
      throw new IllegalStateException("plan passed the shape check but did not bind", e);
    }
    problems.addAll(PlanValidator.validate(plan));
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
    return plan;
  }

  private static PlanProblem syntaxProblem(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    String field = "$";
    if (e.getProcessor() instanceof JsonParser parser) {
      field = pathOf(parser.getParsingContext());
    }
    return new PlanProblem(field, "the input is not valid JSON" + where + ": " + e.getOriginalMessage() + ". Fix the JSON (see events/migrate.json for a complete example).");
  }

  private static String pathOf(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + c.getCurrentIndex() + "]");
      } else if (c.getParent() != null && c.getParent().inObject() && c.getParent().getCurrentName() != null) {
        parts.push(c.getParent().getCurrentName());
      }
    }
    StringBuilder path = new StringBuilder();
    for (String part : parts) {
      if (!path.isEmpty() && !part.startsWith("[")) {
        path.append('.');
      }
      path.append(part);
    }
    return path.isEmpty() ? "$" : path.toString();
  }
}
