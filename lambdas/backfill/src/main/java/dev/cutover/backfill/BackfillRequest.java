package dev.cutover.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.plan.Mode;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.Plans;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The backfill step's task payload.
 *
 * @param action what to do
 * @param executionId the Step Functions execution ARN ({@code $states.context.Execution.Id})
 * @param stateName the calling state ({@code $states.context.State.Name}); START and REDRIVE
 * @param attempt which job this state creates when the workflow loops back to it; START and
 *     REDRIVE, default 1
 * @param jobId the job START or REDRIVE returned; DESCRIBE and REPORT
 * @param plan the execution input
 */
public record BackfillRequest(
    BackfillAction action,
    String executionId,
    String stateName,
    Integer attempt,
    String jobId,
    JsonNode plan) {

  /** Step Functions limits state names to 80 characters. */
  static final int MAX_STATE_NAME_LENGTH = 80;

  private static final Pattern JOB_ID = Pattern.compile("[a-zA-Z0-9_-]{5,36}");

  /** {@link #attempt()}, or 1 when the payload leaves it out. */
  int attemptOrFirst() {
    return attempt == null ? 1 : attempt;
  }

  /**
   * The parsed plan, once every field the action needs is present and well formed.
   *
   * @throws InvalidPlanException listing every problem with the payload and the plan, each with
   *     its field path, before anything is changed
   */
  Plan validate() {
    List<PlanProblem> problems = new ArrayList<>();
    if (action == null) {
      problems.add(new PlanProblem("action", "is missing; give START, REDRIVE, DESCRIBE or REPORT."));
    }
    if (executionId == null || executionId.isBlank()) {
      problems.add(new PlanProblem("executionId", "is missing; pass $states.context.Execution.Id. It seeds the job's idempotency token and is the log correlation id."));
    }
    if (action == BackfillAction.START || action == BackfillAction.REDRIVE) {
      if (stateName == null || stateName.isBlank()) {
        problems.add(new PlanProblem("stateName", "is missing; pass $states.context.State.Name. With the execution id it makes the job's ClientRequestToken, so a retried state finds its job instead of creating a second one."));
      } else if (stateName.length() > MAX_STATE_NAME_LENGTH) {
        problems.add(new PlanProblem("stateName", "is " + stateName.length() + " characters; Step Functions state names have at most " + MAX_STATE_NAME_LENGTH + ". Pass $states.context.State.Name."));
      }
      if (attempt != null && attempt < 1) {
        problems.add(new PlanProblem("attempt", attempt + " is not an attempt number; count from 1 (or leave it out for the first job of this state)."));
      }
    }
    if (action == BackfillAction.DESCRIBE || action == BackfillAction.REPORT) {
      if (jobId == null || jobId.isBlank()) {
        problems.add(new PlanProblem("jobId", "is missing; pass the jobId that the state which started the backfill returned."));
      } else if (!JOB_ID.matcher(jobId).matches()) {
        problems.add(new PlanProblem("jobId", "\"" + jobId + "\" is not an S3 Batch Operations job id (5 to 36 letters, digits, '-' or '_'); pass the jobId the backfill start returned."));
      }
    }
    Plan parsed = null;
    if (plan == null || plan.isNull()) {
      problems.add(new PlanProblem("plan", "is missing; pass the execution input's plan."));
    } else {
      try {
        parsed = Plans.parse(plan);
      } catch (InvalidPlanException e) {
        for (PlanProblem p : e.problems()) {
          String field = p.field().equals("$") ? "plan" : "plan." + p.field();
          problems.add(new PlanProblem(field, p.message()));
        }
      }
    }
    boolean createsJob = action == BackfillAction.START || action == BackfillAction.REDRIVE;
    if (createsJob && parsed != null && parsed.mode() != Mode.MIGRATE) {
      problems.add(new PlanProblem("plan.mode", parsed.mode() + " runs change nothing, and a backfill job writes every object it replicates into the target bucket; only a MIGRATE run starts one. Check the workflow's mode branches."));
    }
    if (!problems.isEmpty()) {
      throw new InvalidPlanException(problems);
    }
    return parsed;
  }
}
