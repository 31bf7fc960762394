package dev.cutover.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.queries.aws.AthenaTarget;
import dev.cutover.queries.inventory.InventoryDiff;
import dev.cutover.queries.sql.TableName;
import dev.cutover.task.TaskPayload;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The inventory-diff task's payload:
 *
 * <pre>{@code
 * {
 *   "executionId": "arn:aws:states:us-east-1:444455556666:execution:cutover:run-1",
 *   "stateName": "VerifyInventory",                       // optional
 *   "plan": { ... the execution input ... },
 *   "inventory": {
 *     "database": "cutover_inventories",
 *     "blueTable": "legacy_web_assets_inventory",
 *     "greenTable": "platform_web_assets_inventory",
 *     "workGroup": "cutover",
 *     "outputLocation": "s3://platform-cutover-athena/results/", // optional: the workgroup's
 *     "catalog": "AwsDataCatalog",                              // optional
 *     "format": "PARQUET",                                      // optional: PARQUET, ORC or CSV
 *     "blueDt": "2026-11-23-01-00",                             // optional: the newest delivery
 *     "greenDt": "2026-11-23-01-00"                             // optional: the newest delivery
 *   }
 * }
 * }</pre>
 *
 * The state passes {@code $states.context.Execution.Id} and {@code $states.context.State.Name}: the
 * two seed the queries' idempotency tokens. Every problem is reported at once with its field path,
 * before any query runs.
 *
 * @param executionId the Step Functions execution ARN: log correlation id, seeds the query tokens
 * @param stateName the state running the diff, the other seed ({@value #DEFAULT_STATE_NAME} unless
 *     given)
 * @param plan the parsed, validated plan
 * @param inventory the tables and the Athena workgroup
 */
record InventoryInput(String executionId, String stateName, Plan plan, InventorySettings inventory) {

  static final String DEFAULT_STATE_NAME = "VerifyInventory";

  private static final List<String> FIELDS = List.of("executionId", "stateName", "plan", "inventory");
  private static final List<String> INVENTORY_FIELDS =
      List.of("catalog", "database", "blueTable", "greenTable", "blueDt", "greenDt", "format", "workGroup", "outputLocation");
  /** Athena database names: lower-case letters, digits and underscores (Glue keeps them lower case). */
  private static final Pattern DATABASE = Pattern.compile("[a-z0-9_]{1,255}");
  private static final Pattern WORK_GROUP = Pattern.compile("[a-zA-Z0-9._-]{1,128}");
  private static final Pattern CATALOG = Pattern.compile("[\\x20-\\x7E&&[^'\"]]{1,256}");
  private static final Pattern OUTPUT_LOCATION = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?");
  /** Step Functions state names: at most 80 characters. */
  private static final int MAX_STATE_NAME = 80;

  static InventoryInput parse(JsonNode node) {
    TaskPayload payload = TaskPayload.of(node, "inventory-diff", FIELDS);
    List<PlanProblem> problems = payload.problems();
    String executionId = payload.executionId();
    String stateName = DEFAULT_STATE_NAME;
    JsonNode state = node.get("stateName");
    if (state != null && !state.isNull()) {
      if (!state.isTextual() || state.asText().isBlank() || state.asText().length() > MAX_STATE_NAME) {
        problems.add(new PlanProblem("stateName", "must be the state's name, 1 to " + MAX_STATE_NAME + " characters ($states.context.State.Name), or left out."));
      } else {
        stateName = state.asText();
      }
    }
    Plan plan = payload.plan();
    InventorySettings inventory = inventory(node.get("inventory"), problems);
    payload.done();
    return new InventoryInput(executionId, stateName, plan, inventory);
  }

  /** Where Athena runs the diff. */
  AthenaTarget athenaTarget() {
    return new AthenaTarget(inventory.catalog(), inventory.database(), inventory.workGroup(), inventory.outputLocation());
  }

  private static InventorySettings inventory(JsonNode node, List<PlanProblem> problems) {
    if (node == null || !node.isObject()) {
      problems.add(new PlanProblem("inventory", "is required: an object naming the Athena database, blueTable, greenTable and workGroup."));
      return null;
    }
    unknownFields(node, "inventory.", INVENTORY_FIELDS, problems);
    String catalog = optional(node, "catalog", problems, CATALOG::matcher, "must be the data catalog's name (1 to 256 printable characters, no quotes), or left out for AwsDataCatalog.");
    String database = text(node, "inventory.database", "database", problems, DATABASE, "must be the Athena database holding both inventory tables: lower-case letters, digits and underscores, at most 255.");
    TableName blue = table(node, "blueTable", problems);
    TableName green = table(node, "greenTable", problems);
    if (blue != null && blue.equals(green)) {
      problems.add(new PlanProblem("inventory.greenTable", "is the same table as blueTable; name the target bucket's inventory table."));
    }
    String blueDt = optional(node, "blueDt", problems, InventoryDiff.DT::matcher, "must name an inventory delivery as its dt partition, YYYY-MM-DD-HH-MM, or be left out for the newest.");
    String greenDt = optional(node, "greenDt", problems, InventoryDiff.DT::matcher, "must name an inventory delivery as its dt partition, YYYY-MM-DD-HH-MM, or be left out for the newest.");
    InventorySettings.Format format = InventorySettings.Format.PARQUET;
    String formatText = optional(node, "format", problems, s -> Pattern.compile(".+").matcher(s), "must be a string.");
    if (formatText != null) {
      try {
        format = InventorySettings.Format.valueOf(formatText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(new PlanProblem("inventory.format", "\"" + formatText + "\" is not an S3 Inventory format; use one of " + Arrays.toString(InventorySettings.Format.values()) + " (PARQUET recommended)."));
      }
    }
    String workGroup = text(node, "inventory.workGroup", "workGroup", problems, WORK_GROUP, "must be the Athena workgroup to run in: 1 to 128 letters, digits, '.', '_' or '-'.");
    String output = optional(node, "outputLocation", problems, OUTPUT_LOCATION::matcher, "must be an S3 URI for Athena's results, s3://bucket/prefix/, or be left out to use the workgroup's.");
    return new InventorySettings(
        catalog == null ? AthenaTarget.DEFAULT_CATALOG : catalog, database, blue, green, blueDt, greenDt, format, workGroup, output);
  }

  private static TableName table(JsonNode node, String field, List<PlanProblem> problems) {
    JsonNode value = node.get(field);
    String name = value != null && value.isTextual() ? value.asText() : null;
    var problem = TableName.problem(name);
    if (problem.isPresent()) {
      problems.add(new PlanProblem("inventory." + field, problem.get()));
      return null;
    }
    return TableName.of(name);
  }

  private static String text(JsonNode node, String path, String field, List<PlanProblem> problems, Pattern pattern, String message) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || !pattern.matcher(value.asText()).matches()) {
      problems.add(new PlanProblem(path, (value == null || value.isNull() ? "is required: " : "") + message));
      return null;
    }
    return value.asText();
  }

  private static String optional(
      JsonNode node, String field, List<PlanProblem> problems, Function<String, java.util.regex.Matcher> pattern, String message) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || !pattern.apply(value.asText()).matches()) {
      problems.add(new PlanProblem("inventory." + field, message));
      return null;
    }
    return value.asText();
  }

  private static void unknownFields(JsonNode node, String prefix, List<String> known, List<PlanProblem> problems) {
    node.fieldNames().forEachRemaining(name -> {
      if (!known.contains(name)) {
        problems.add(new PlanProblem(prefix + name, "is not a field the inventory-diff step reads; it reads " + String.join(", ", known) + "."));
      }
    });
  }
}
