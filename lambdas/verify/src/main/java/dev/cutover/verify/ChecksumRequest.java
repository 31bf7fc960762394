package dev.cutover.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.Plans;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The checksum comparison's task payload:
 *
 * <pre>{@code
 * {"action": "START", "executionId": "arn:aws:states:…:execution:cutover:run-1",
 *  "stateName": "ComputeChecksums",
 *  "findings": ["s3://platform-cutover-reports/cutover/mig/verify/run-1/findings.jsonl"],
 *  "plan": {…}}
 * {"action": "DESCRIBE", "executionId": …, "sourceJobId": "…", "targetJobId": "…", "plan": {…}}
 * {"action": "COMPARE",  "executionId": …, "sourceJobId": "…", "targetJobId": "…", "plan": {…}}
 * }</pre>
 *
 * Every problem is reported at once with its field path before anything is read or created.
 *
 * @param action what to do
 * @param executionId the Step Functions execution ARN: log correlation id, seeds the jobs' tokens
 *     and names the keys cutover writes
 * @param stateName the calling state ({@code $states.context.State.Name}); START
 * @param findingsBucket the bucket of {@code findings} (the plan's report bucket); START
 * @param findingsKeys the keys of the findings JSON lines the verify step wrote: {@code
 *     reports[*].uri} of its result, one file per invocation of a resumed verification (a single
 *     URI string is taken too); START
 * @param sourceJobId blue's job, as START returned it; DESCRIBE and COMPARE
 * @param targetJobId green's job, as START returned it; DESCRIBE and COMPARE
 * @param plan the parsed, validated plan
 */
record ChecksumRequest(
    ChecksumAction action,
    String executionId,
    String stateName,
    String findingsBucket,
    List<String> findingsKeys,
    String sourceJobId,
    String targetJobId,
    Plan plan) {

  /** Step Functions limits state names to 80 characters. */
  static final int MAX_STATE_NAME_LENGTH = 80;

  private static final List<String> FIELDS =
      List.of("action", "executionId", "stateName", "findings", "sourceJobId", "targetJobId", "plan");
  private static final Pattern JOB_ID = Pattern.compile("[a-zA-Z0-9_-]{5,36}");
  private static final Pattern S3_URI = Pattern.compile("s3://([^/]+)/(.+)", Pattern.DOTALL);

  /** Most findings files one START reads: a resumed verification writes one per invocation. */
  static final int MAX_FINDINGS_FILES = 1000;

  /** The findings as an S3 URI, or the first of them and how many more. */
  String findings() {
    String first = "s3://" + findingsBucket + "/" + findingsKeys.getFirst();
    return findingsKeys.size() == 1 ? first : first + " and " + (findingsKeys.size() - 1) + " more findings files";
  }

  static ChecksumRequest parse(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      throw new InvalidPlanException(
          List.of(
              new PlanProblem(
                  "$",
                  "the checksum task payload is not a JSON object; the state must pass {action,"
                      + " executionId, plan, …}.")));
    }
    List<PlanProblem> problems = new ArrayList<>();
    payload.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        problems.add(new PlanProblem(name, "is not a field of the checksum payload, which takes " + String.join(", ", FIELDS) + "."));
      }
    });
    ChecksumAction action = action(payload.get("action"), problems);
    String executionId = text(payload, "executionId");
    if (executionId == null) {
      problems.add(new PlanProblem("executionId", "is required: pass $states.context.Execution.Id as a string. It seeds the jobs' idempotency tokens and is the log correlation id."));
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
    String stateName = text(payload, "stateName");
    String findingsBucket = null;
    List<String> findingsKeys = null;
    if (action == ChecksumAction.START) {
      if (stateName == null) {
        problems.add(new PlanProblem("stateName", "is required for START: pass $states.context.State.Name. With the execution id it makes each job's ClientRequestToken, so a retried state finds its jobs instead of creating more."));
      } else if (stateName.length() > MAX_STATE_NAME_LENGTH) {
        problems.add(new PlanProblem("stateName", "is " + stateName.length() + " characters; Step Functions state names have at most " + MAX_STATE_NAME_LENGTH + ". Pass $states.context.State.Name."));
      }
      String reportBucket = plan != null ? plan.batch().reportBucket() : payload.path("plan").path("batch").path("reportBucket").asText("");
      JsonNode findings = payload.get("findings");
      List<String> uris = new ArrayList<>();
      if (findings != null && findings.isTextual() && !findings.asText().isBlank()) {
        uris.add(findings.asText());
      } else if (findings != null && findings.isArray() && !findings.isEmpty() && findings.size() <= MAX_FINDINGS_FILES) {
        findings.forEach(f -> uris.add(f.isTextual() ? f.asText() : null));
      } else {
        problems.add(new PlanProblem("findings", "is required for START: pass reports[*].uri of the verify step's result, the findings files it wrote (s3://" + reportBucket + "/…/findings.jsonl), 1 to " + MAX_FINDINGS_FILES + " of them."));
      }
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < uris.size(); i++) {
        String field = findings.isArray() ? "findings[" + i + "]" : "findings";
        String findingsUri = uris.get(i);
        var uri = findingsUri == null ? null : S3_URI.matcher(findingsUri);
        if (uri == null || !uri.matches()) {
          problems.add(new PlanProblem(field, (findingsUri == null ? "is not a string" : "\"" + findingsUri + "\" is not an S3 URI (s3://bucket/key)") + "; pass reports[*].uri of the verify step's result."));
        } else if (!uri.group(1).equals(reportBucket)) {
          problems.add(new PlanProblem(field, "is in bucket " + uri.group(1) + ", but the verify step writes its findings to the plan's report bucket " + reportBucket + "; pass reports[*].uri of its result."));
        } else {
          findingsBucket = uri.group(1);
          keys.add(uri.group(2));
        }
      }
      findingsKeys = keys.isEmpty() ? null : List.copyOf(keys);
    }
    String sourceJobId = null;
    String targetJobId = null;
    if (action == ChecksumAction.DESCRIBE || action == ChecksumAction.COMPARE) {
      sourceJobId = jobId(payload, "sourceJobId", problems);
      targetJobId = jobId(payload, "targetJobId", problems);
    }
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
    return new ChecksumRequest(action, executionId, stateName, findingsBucket, findingsKeys, sourceJobId, targetJobId, plan);
  }

  private static ChecksumAction action(JsonNode node, List<PlanProblem> problems) {
    String names = Arrays.stream(ChecksumAction.values()).map(Enum::name).collect(Collectors.joining(", "));
    if (node == null || !node.isTextual()) {
      problems.add(new PlanProblem("action", "is required: give one of " + names + "."));
      return null;
    }
    try {
      return ChecksumAction.valueOf(node.asText());
    } catch (IllegalArgumentException e) {
      problems.add(new PlanProblem("action", "\"" + node.asText() + "\" is not an action; give one of " + names + "."));
      return null;
    }
  }

  private static String jobId(JsonNode payload, String field, List<PlanProblem> problems) {
    String id = text(payload, field);
    if (id == null) {
      problems.add(new PlanProblem(field, "is required: pass the " + field + " that START returned."));
      return null;
    }
    if (!JOB_ID.matcher(id).matches()) {
      problems.add(new PlanProblem(field, "\"" + id + "\" is not an S3 Batch Operations job id (5 to 36 letters, digits, '-' or '_'); pass the " + field + " that START returned."));
      return null;
    }
    return id;
  }

  /** The field's text, or {@code null} when it is missing, not a string, or blank. */
  private static String text(JsonNode payload, String field) {
    JsonNode node = payload.get(field);
    return node == null || !node.isTextual() || node.asText().isBlank() ? null : node.asText();
  }
}
