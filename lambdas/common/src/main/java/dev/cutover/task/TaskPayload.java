package dev.cutover.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.Plans;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a step's task payload the way every step does: a JSON object whose fields are all ones the
 * step reads, with the execution ARN and the plan, and whatever else the step takes. Problems are
 * collected, each with its field path, and thrown together by {@link #done()} as an {@link
 * InvalidPlanException}, so the caller sees every one before anything is read or changed.
 *
 * <pre>{@code
 * TaskPayload payload = TaskPayload.of(node, "preflight", List.of("executionId", "plan"));
 * String executionId = payload.executionId();
 * Plan plan = payload.plan();
 * payload.done();
 * }</pre>
 */
public final class TaskPayload {

  private final JsonNode node;
  private final List<PlanProblem> problems = new ArrayList<>();

  private TaskPayload(JsonNode node) {
    this.node = node;
  }

  /**
   * The payload's JSON tree, or {@code null} when the bytes are not JSON; pass it to {@link
   * #of}, which says so in the step's words.
   */
  public static JsonNode read(InputStream input) throws IOException {
    byte[] raw = input.readAllBytes();
    try {
      JsonNode tree = Json.mapper().readTree(raw);
      return tree == null || tree.isMissingNode() ? null : tree;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /**
   * Starts reading {@code node}: refuses at once anything that is not a JSON object, and notes
   * every field that is not in {@code fields}.
   *
   * @param step the step's name for messages, e.g. {@code "preflight"}
   * @param fields every top-level field the step reads
   */
  public static TaskPayload of(JsonNode node, String step, List<String> fields) {
    if (node == null || !node.isObject()) {
      throw new InvalidPlanException(
          List.of(
              new PlanProblem(
                  "$", "the " + step + " task input must be a JSON object with " + String.join(", ", fields) + ".")));
    }
    TaskPayload payload = new TaskPayload(node);
    node.fieldNames().forEachRemaining(name -> {
      if (!fields.contains(name)) {
        payload.problem(name, "is not a field the " + step + " step reads; it reads " + String.join(", ", fields) + ".");
      }
    });
    return payload;
  }

  /** The payload as given. */
  public JsonNode node() {
    return node;
  }

  /** {@code executionId}, required: the execution ARN; {@code null} after noting a problem. */
  public String executionId() {
    JsonNode id = node.get("executionId");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      problem("executionId", "is required: pass the execution ARN ($states.context.Execution.Id) as a string.");
      return null;
    }
    return id.asText();
  }

  /**
   * {@code plan}, required: the execution input, parsed and validated; its problems are noted
   * under {@code plan.}; {@code null} when it has any.
   */
  public Plan plan() {
    JsonNode planNode = node.get("plan");
    if (planNode == null || !planNode.isObject()) {
      problem("plan", "is required: pass the execution input (the plan) as a JSON object.");
      return null;
    }
    try {
      return Plans.parse(planNode);
    } catch (InvalidPlanException e) {
      e.problems().forEach(p -> problem(p.field().equals("$") ? "plan" : "plan." + p.field(), p.message()));
      return null;
    }
  }

  /** S3's longest key, in UTF-8 bytes. */
  public static final int MAX_KEY_BYTES = 1024;

  /**
   * An optional array of blue's object keys at {@code field}: each a non-empty full key of at most
   * {@value #MAX_KEY_BYTES} bytes under {@code prefix}, listed once. Problems are noted per entry
   * ({@code field[i]}).
   *
   * @param max the most keys the step takes
   * @param shape what the field must be, said when it is not an array of 1 to {@code max} keys,
   *     e.g. {@code "must be an array of 1 to 1000 object keys, or left out to …"}
   * @return the keys in the given order; {@code null} when the field is absent or wrong
   */
  public List<String> sourceKeys(String field, String prefix, int max, String shape) {
    JsonNode list = node.get(field);
    if (list == null || list.isNull()) {
      return null;
    }
    if (!list.isArray() || list.isEmpty() || list.size() > max) {
      problem(field, shape);
      return null;
    }
    List<String> keys = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode key = list.get(i);
      String wrong = key.isTextual() ? keyProblem(key.asText(), prefix, seen) : keyProblem("", prefix, seen);
      if (wrong != null) {
        problem(field + "[" + i + "]", wrong);
      } else {
        keys.add(key.asText());
      }
    }
    return keys;
  }

  /**
   * What is wrong with {@code key} as one of blue's keys to compare, or {@code null} when nothing
   * is (it is then added to {@code seen}, so a repeat is caught).
   */
  public static String keyProblem(String key, String prefix, Set<String> seen) {
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

  /**
   * The source prefix the plan gives, read from the tree even when another plan field is wrong,
   * so that keys are still checked against it.
   */
  public String sourcePrefix(Plan plan) {
    return plan != null ? plan.source().prefixOrEmpty() : node.path("plan").path("source").path("prefix").asText("");
  }

  /**
   * The execution's name (the ARN's last part) made safe for an S3 key: the folder a step's
   * reports for one execution go to, so a retried task overwrites its own report.
   */
  public static String runName(String executionId) {
    String name = executionId.substring(executionId.lastIndexOf(':') + 1);
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "-");
    return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? "run" : safe;
  }

  /** Notes a problem with {@code field} (a path such as {@code keys[2]}). */
  public void problem(String field, String message) {
    problems.add(new PlanProblem(field, message));
  }

  /** The problems noted so far, for readers that add their own. */
  public List<PlanProblem> problems() {
    return problems;
  }

  /** Throws every problem noted, at once; returns when there is none. */
  public void done() {
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(List.copyOf(problems));
    }
  }
}
