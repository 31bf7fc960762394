package dev.cutover.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.approval.port.ApprovalRecord;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.Plans;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payload of the approval task ({@code arn:aws:states:::lambda:invoke.waitForTaskToken}):
 *
 * <pre>{@code
 * {
 *   "executionId": "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:run-1",
 *   "taskToken": "...",                                   // $states.context.Task.Token
 *   "executionStartTime": "2026-11-24T10:00:00.000Z",     // optional: $states.context.Execution.StartTime
 *   "stateEnteredTime": "2026-11-24T11:30:00.000Z",       // optional: $states.context.State.EnteredTime
 *   "retryCount": 0,                                      // optional: $states.context.State.RetryCount
 *   "plan": { ... the execution input ... },
 *   "report": { "verdict": "READY", "reasons": [], "json": "s3://…", "html": "s3://…", "summary": {…} }
 * }
 * }</pre>
 *
 * Every problem is reported at once with its field path. No message ever repeats the task token:
 * problems with it name the field and what is wrong, not the value.
 *
 * @param executionId the execution ARN
 * @param taskToken the task token; never logged, stored only encrypted
 * @param executionStartTime when the execution started, or {@code null}
 * @param stateEnteredTime when the approval state was entered (its timeout counts from there), or
 *     {@code null} to count from now
 * @param retryCount how many times Retry had run the task, or {@code null}
 * @param plan the parsed, validated plan
 * @param report the report step's result
 */
record RequestApprovalInput(
    String executionId,
    String taskToken,
    Instant executionStartTime,
    Instant stateEnteredTime,
    Integer retryCount,
    Plan plan,
    ReportPointer report) {

  /** The longest task token SendTaskSuccess accepts. */
  static final int MAX_TOKEN_LENGTH = 2048;

  private static final int MAX_REASONS = 200;
  private static final List<String> FIELDS =
      List.of("executionId", "taskToken", "executionStartTime", "stateEnteredTime", "retryCount", "plan", "report");
  private static final List<String> REPORT_FIELDS = List.of("verdict", "reasons", "json", "html", "summary");
  private static final List<String> VERDICTS = List.of("READY", "NOT_READY");

  /** Which attempt of the task this invocation belongs to, when the state machine said. */
  ApprovalRecord.Attempt attempt() {
    return stateEnteredTime != null && retryCount != null ? new ApprovalRecord.Attempt(stateEnteredTime, retryCount) : null;
  }

  @Override
  public String toString() {
    return "RequestApprovalInput[executionId=" + executionId + ", taskToken=<redacted>]";
  }

  static RequestApprovalInput parse(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      throw new InvalidPlanException(List.of(new PlanProblem("$",
          "the approval task input must be a JSON object with executionId, taskToken, plan and report.")));
    }
    List<PlanProblem> problems = new ArrayList<>();
    payload.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        problems.add(new PlanProblem(name, "is not a field the approval step reads; it reads " + String.join(", ", FIELDS) + "."));
      }
    });
    String executionId = text(payload, "executionId");
    if (!ExecutionArns.valid(executionId)) {
      problems.add(new PlanProblem("executionId", ExecutionArns.problem("pass $states.context.Execution.Id")));
    }
    String taskToken = token(payload.get("taskToken"), problems);
    Instant started = instant(payload, "executionStartTime", "$states.context.Execution.StartTime", problems);
    Instant entered = instant(payload, "stateEnteredTime", "$states.context.State.EnteredTime", problems);
    Integer retryCount = null;
    JsonNode retries = payload.get("retryCount");
    if (retries != null && !retries.isNull()) {
      if (!retries.isIntegralNumber() || !retries.canConvertToInt() || retries.asInt() < 0) {
        problems.add(new PlanProblem("retryCount", "must be a whole number of 0 or more; pass $states.context.State.RetryCount, or leave it out."));
      } else {
        retryCount = retries.asInt();
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
    if (plan != null && plan.approval().approvers().isEmpty()) {
      problems.add(new PlanProblem("plan.approval.approvers",
          "is empty, so nobody could decide; name at least one IAM principal ARN allowed to approve, e.g. \"arn:aws:iam::111122223333:role/release-manager\"."));
    }
    ReportPointer report = report(payload.get("report"), problems);
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
    return new RequestApprovalInput(executionId, taskToken, started, entered, retryCount, plan, report);
  }

  private static String token(JsonNode node, List<PlanProblem> problems) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      problems.add(new PlanProblem("taskToken", "is required: pass $states.context.Task.Token as a string (the task must use .waitForTaskToken)."));
      return null;
    }
    String token = node.asText();
    if (token.length() > MAX_TOKEN_LENGTH) {
      problems.add(new PlanProblem("taskToken", "is " + token.length() + " characters long; Step Functions' task tokens have at most " + MAX_TOKEN_LENGTH + ". Pass $states.context.Task.Token unchanged."));
    }
    return token;
  }

  private static ReportPointer report(JsonNode node, List<PlanProblem> problems) {
    if (node == null || !node.isObject()) {
      problems.add(new PlanProblem("report", "is required: pass the report step's result ({verdict, reasons, json, html, summary}) as a JSON object."));
      return null;
    }
    int before = problems.size();
    node.fieldNames().forEachRemaining(name -> {
      if (!REPORT_FIELDS.contains(name)) {
        problems.add(new PlanProblem("report." + name, "is not a field of the report step's result; it has " + String.join(", ", REPORT_FIELDS) + "."));
      }
    });
    String verdict = text(node, "verdict");
    if (verdict == null || !VERDICTS.contains(verdict)) {
      problems.add(new PlanProblem("report.verdict", "must be one of " + String.join(", ", VERDICTS) + ", as the report step returns it."));
    }
    List<String> reasons = new ArrayList<>();
    JsonNode reasonsNode = node.get("reasons");
    if (reasonsNode != null && !reasonsNode.isNull()) {
      if (!reasonsNode.isArray() || reasonsNode.size() > MAX_REASONS) {
        problems.add(new PlanProblem("report.reasons", "must be an array of at most " + MAX_REASONS + " strings."));
      } else {
        for (int i = 0; i < reasonsNode.size(); i++) {
          if (!reasonsNode.get(i).isTextual()) {
            problems.add(new PlanProblem("report.reasons[" + i + "]", "must be a string."));
          } else {
            reasons.add(reasonsNode.get(i).asText());
          }
        }
      }
    }
    String json = s3Uri(node, "json", problems);
    String html = s3Uri(node, "html", problems);
    Map<String, String> summary = new LinkedHashMap<>();
    JsonNode summaryNode = node.get("summary");
    if (summaryNode != null && !summaryNode.isNull()) {
      if (!summaryNode.isObject()) {
        problems.add(new PlanProblem("report.summary", "must be a JSON object of counts, as the report step returns it."));
      } else {
        summaryNode.properties().forEach(e -> {
          if (e.getValue().isValueNode() && !e.getValue().isNull()) {
            summary.put(e.getKey(), e.getValue().asText());
          }
        });
      }
    }
    return problems.size() > before ? null : new ReportPointer(verdict, reasons, json, html, summary);
  }

  private static String s3Uri(JsonNode report, String field, List<PlanProblem> problems) {
    String value = text(report, field);
    if (value == null || !value.startsWith("s3://") || value.length() <= "s3://".length() || value.chars().anyMatch(Character::isWhitespace)) {
      problems.add(new PlanProblem("report." + field, "must be the report's s3:// location, as the report step returns it."));
      return null;
    }
    return value;
  }

  private static Instant instant(JsonNode payload, String field, String source, List<PlanProblem> problems) {
    JsonNode node = payload.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    try {
      if (node.isTextual()) {
        return Instant.parse(node.asText());
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    problems.add(new PlanProblem(field, "must be an ISO-8601 time such as \"2026-11-24T10:00:00.000Z\"; pass " + source + ", or leave it out."));
    return null;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
