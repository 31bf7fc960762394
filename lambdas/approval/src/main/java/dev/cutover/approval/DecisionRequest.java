package dev.cutover.approval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.approval.port.ApprovalRecord.Verdict;
import dev.cutover.plan.PlanProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The body of a decision: {@code {"executionArn": "...", "decision": "APPROVE" | "REJECT",
 * "reason": "..."}}. The reason is required to reject (the starter is told why) and optional to
 * approve. Who decides is not part of it: that comes from AWS's authentication of the call.
 *
 * @param executionArn the execution whose approval is decided
 * @param verdict approve or reject
 * @param reason what the decider says, or {@code null}
 */
record DecisionRequest(String executionArn, Verdict verdict, String reason) {

  static final int MAX_REASON_LENGTH = 1000;
  private static final List<String> FIELDS = List.of("executionArn", "decision", "reason");

  /**
   * The request in {@code body}, or every problem with it.
   *
   * @throws BadDecisionException listing the problems
   */
  static DecisionRequest parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new BadDecisionException(List.of(new PlanProblem("$",
          "the request body must be a JSON object: {\"executionArn\": \"...\", \"decision\": \"APPROVE\" or \"REJECT\", \"reason\": \"...\"}.")));
    }
    List<PlanProblem> problems = new ArrayList<>();
    body.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        problems.add(new PlanProblem(name, "is not a field of a decision; it has " + String.join(", ", FIELDS)
            + ". Who decides is taken from your AWS credentials, never from the body."));
      }
    });
    JsonNode arn = body.get("executionArn");
    String executionArn = arn != null && arn.isTextual() ? arn.asText() : null;
    if (!ExecutionArns.valid(executionArn)) {
      problems.add(new PlanProblem("executionArn", ExecutionArns.problem("as the approval notice names it")));
    }
    Verdict verdict = null;
    JsonNode decision = body.get("decision");
    String verdicts = Arrays.stream(Verdict.values()).map(Enum::name).collect(Collectors.joining(" or "));
    if (decision == null || !decision.isTextual()) {
      problems.add(new PlanProblem("decision", "is required: " + verdicts + "."));
    } else {
      try {
        verdict = Verdict.valueOf(decision.asText());
      } catch (IllegalArgumentException e) {
        problems.add(new PlanProblem("decision", "\"" + decision.asText() + "\" is not a decision; give " + verdicts + "."));
      }
    }
    String reason = null;
    JsonNode reasonNode = body.get("reason");
    if (reasonNode != null && !reasonNode.isNull()) {
      if (!reasonNode.isTextual()) {
        problems.add(new PlanProblem("reason", "must be a string."));
      } else if (reasonNode.asText().length() > MAX_REASON_LENGTH) {
        problems.add(new PlanProblem("reason", "is " + reasonNode.asText().length() + " characters; keep it to " + MAX_REASON_LENGTH + "."));
      } else if (!reasonNode.asText().isBlank()) {
        reason = reasonNode.asText().strip();
      }
    }
    if (verdict == Verdict.REJECT && reason == null && problems.stream().noneMatch(p -> p.field().equals("reason"))) {
      problems.add(new PlanProblem("reason", "is required to reject: say why, so the person who started the run knows what to fix."));
    }
    if (!problems.isEmpty()) {
      throw new BadDecisionException(problems);
    }
    return new DecisionRequest(executionArn, verdict, reason);
  }

  /** The body is not a usable decision; nothing was read or changed. */
  static final class BadDecisionException extends RuntimeException {

    private final List<PlanProblem> problems;

    BadDecisionException(List<PlanProblem> problems) {
      super(problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n",
          problems.size() == 1 ? "The decision has 1 problem; nothing was changed:\n"
              : "The decision has " + problems.size() + " problems; nothing was changed:\n", "")));
      this.problems = List.copyOf(problems);
    }

    List<PlanProblem> problems() {
      return problems;
    }
  }
}
