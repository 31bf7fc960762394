package dev.cutover.logscan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.Plans;
import dev.cutover.queries.aws.AthenaTarget;
import dev.cutover.queries.sql.TableName;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The log scan task's payload:
 *
 * <pre>{@code
 * {
 *   "executionId": "arn:aws:states:us-east-1:444455556666:execution:cutover:run-1",
 *   "stateName": "ScanLogs",                                 // optional
 *   "windowEnd": "2026-11-24T09:15:30.123Z",                 // optional: now, to the hour
 *   "plan": { ... the execution input ... },
 *   "logs": {
 *     "database": "cutover_logs",
 *     "table": "blue_cloudfront",
 *     "workGroup": "cutover",
 *     "outputLocation": "s3://platform-cutover-athena/results/", // optional: the workgroup's
 *     "catalog": "AwsDataCatalog",                              // optional
 *     "defaultRootObject": "index.html"                         // optional: "/" left out
 *   }
 * }
 * }</pre>
 *
 * The state passes {@code $states.context.Execution.Id}, {@code $states.context.State.Name} and
 * {@code $states.context.Execution.StartTime} as {@code windowEnd}: a retried task then scans the
 * same window under the same query token and finds the query it started. Every problem is
 * reported at once with its field path, before any query runs.
 *
 * @param executionId the Step Functions execution ARN: log correlation id, names the report
 * @param stateName the state running the scan, a seed of the query token ({@value
 *     #DEFAULT_STATE_NAME} unless given)
 * @param windowEnd the end of the scanned window; {@code null} for the current hour's start
 * @param plan the parsed, validated plan
 * @param logs the log table and the Athena workgroup
 */
record LogScanInput(String executionId, String stateName, Instant windowEnd, Plan plan, LogsSettings logs) {

  static final String DEFAULT_STATE_NAME = "ScanLogs";

  private static final List<String> FIELDS = List.of("executionId", "stateName", "windowEnd", "plan", "logs");
  private static final List<String> LOGS_FIELDS =
      List.of("catalog", "database", "table", "workGroup", "outputLocation", "defaultRootObject");
  /** Athena database names: lower-case letters, digits and underscores (Glue keeps them lower case). */
  private static final Pattern DATABASE = Pattern.compile("[a-z0-9_]{1,255}");
  private static final Pattern WORK_GROUP = Pattern.compile("[a-zA-Z0-9._-]{1,128}");
  private static final Pattern CATALOG = Pattern.compile("[\\x20-\\x7E&&[^'\"]]{1,256}");
  private static final Pattern OUTPUT_LOCATION = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?");
  /** Step Functions state names: at most 80 characters. */
  private static final int MAX_STATE_NAME = 80;
  /** CloudFront's limit for a distribution's DefaultRootObject. */
  private static final int MAX_ROOT_OBJECT = 255;

  /** A {@code windowEnd} further ahead of the clock than this is a mistake, not a window. */
  static final Duration MAX_FUTURE = Duration.ofHours(1);

  /**
   * Reads and checks the payload.
   *
   * @param now the clock's time, which {@code windowEnd} may not be far ahead of
   */
  static LogScanInput parse(JsonNode payload, Instant now) {
    if (payload == null || !payload.isObject()) {
      throw new InvalidPlanException(
          List.of(new PlanProblem("$", "the log scan task input must be a JSON object with executionId, plan and logs.")));
    }
    List<PlanProblem> problems = new ArrayList<>();
    unknownFields(payload, "", FIELDS, problems);
    String executionId = null;
    JsonNode id = payload.get("executionId");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      problems.add(new PlanProblem("executionId", "is required: pass the execution ARN ($states.context.Execution.Id) as a string."));
    } else {
      executionId = id.asText();
    }
    String stateName = DEFAULT_STATE_NAME;
    JsonNode state = payload.get("stateName");
    if (state != null && !state.isNull()) {
      if (!state.isTextual() || state.asText().isBlank() || state.asText().length() > MAX_STATE_NAME) {
        problems.add(new PlanProblem("stateName", "must be the state's name, 1 to " + MAX_STATE_NAME + " characters ($states.context.State.Name), or left out."));
      } else {
        stateName = state.asText();
      }
    }
    Instant windowEnd = null;
    JsonNode end = payload.get("windowEnd");
    if (end != null && !end.isNull()) {
      try {
        windowEnd = end.isTextual() ? OffsetDateTime.parse(end.asText()).toInstant() : null;
      } catch (DateTimeParseException e) {
        windowEnd = null;
      }
      if (windowEnd == null) {
        problems.add(new PlanProblem("windowEnd", "must be an ISO 8601 time with its offset, e.g. 2026-11-24T09:15:30.123Z ($states.context.Execution.StartTime), or left out for the current hour."));
      } else if (windowEnd.isAfter(now.plus(MAX_FUTURE))) {
        problems.add(new PlanProblem("windowEnd", "is " + windowEnd + ", in the future (the time is " + now + "); pass the execution's start time or leave it out."));
        windowEnd = null;
      }
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
    LogsSettings logs = logs(payload.get("logs"), problems);
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
    return new LogScanInput(executionId, stateName, windowEnd, plan, logs);
  }

  /** Where Athena runs the scan. */
  AthenaTarget athenaTarget() {
    return new AthenaTarget(logs.catalog(), logs.database(), logs.workGroup(), logs.outputLocation());
  }

  private static LogsSettings logs(JsonNode node, List<PlanProblem> problems) {
    if (node == null || !node.isObject()) {
      problems.add(new PlanProblem("logs", "is required: an object naming the Athena database, the table over blue's CloudFront logs and the workGroup."));
      return null;
    }
    unknownFields(node, "logs.", LOGS_FIELDS, problems);
    String catalog = optional(node, "catalog", problems, CATALOG, "must be the data catalog's name (1 to 256 printable characters, no quotes), or left out for AwsDataCatalog.");
    String database = required(node, "database", problems, DATABASE, "must be the Athena database holding the log table: lower-case letters, digits and underscores, at most 255.");
    TableName table = null;
    JsonNode tableNode = node.get("table");
    String tableName = tableNode != null && tableNode.isTextual() ? tableNode.asText() : null;
    var tableProblem = TableName.problem(tableName);
    if (tableProblem.isPresent()) {
      problems.add(new PlanProblem("logs.table", tableProblem.get() + " It is the table over blue's CloudFront standard logs (sql/cloudfront-logs-table.ddl)."));
    } else {
      table = TableName.of(tableName);
    }
    String workGroup = required(node, "workGroup", problems, WORK_GROUP, "must be the Athena workgroup to run in: 1 to 128 letters, digits, '.', '_' or '-'.");
    String output = optional(node, "outputLocation", problems, OUTPUT_LOCATION, "must be an S3 URI for Athena's results, s3://bucket/prefix/, or be left out to use the workgroup's.");
    String root = null;
    JsonNode rootNode = node.get("defaultRootObject");
    if (rootNode != null && !rootNode.isNull()) {
      if (!rootNode.isTextual() || rootNode.asText().isEmpty() || rootNode.asText().startsWith("/")
          || rootNode.asText().getBytes(StandardCharsets.UTF_8).length > MAX_ROOT_OBJECT) {
        problems.add(new PlanProblem("logs.defaultRootObject", "must be blue's distribution's DefaultRootObject as CloudFront holds it (e.g. index.html: no leading /, at most " + MAX_ROOT_OBJECT + " bytes), or be left out to leave requests for / out."));
      } else {
        root = rootNode.asText();
      }
    }
    return new LogsSettings(catalog == null ? AthenaTarget.DEFAULT_CATALOG : catalog, database, table, workGroup, output, root);
  }

  private static String required(JsonNode node, String field, List<PlanProblem> problems, Pattern pattern, String message) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || !pattern.matcher(value.asText()).matches()) {
      problems.add(new PlanProblem("logs." + field, (value == null || value.isNull() ? "is required: " : "") + message));
      return null;
    }
    return value.asText();
  }

  private static String optional(JsonNode node, String field, List<PlanProblem> problems, Pattern pattern, String message) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || !pattern.matcher(value.asText()).matches()) {
      problems.add(new PlanProblem("logs." + field, message));
      return null;
    }
    return value.asText();
  }

  private static void unknownFields(JsonNode node, String prefix, List<String> known, List<PlanProblem> problems) {
    node.fieldNames().forEachRemaining(name -> {
      if (!known.contains(name)) {
        problems.add(new PlanProblem(prefix + name, "is not a field the log scan step reads; it reads " + String.join(", ", known) + "."));
      }
    });
  }
}
