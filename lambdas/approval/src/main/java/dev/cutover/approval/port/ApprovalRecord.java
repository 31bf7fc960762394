package dev.cutover.approval.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One approval waiting (or no longer waiting) for one execution: everything the decision needs,
 * written by the request step from the plan the state machine passed, so nothing the decider sends
 * can widen who may decide.
 *
 * @param executionArn the key: the CLI knows the execution, not the approval id
 * @param approvalId random, URL-safe; names this approval in the notice, the audit trail and the
 *     token's encryption context
 * @param requestKey SHA-256 of the execution ARN and the task token: the same value means a retried
 *     invocation of the same task, which reuses this record; a different one means the task was
 *     attempted again with a new token, which replaces it
 * @param sealedToken the task token, encrypted
 * @param migrationId the plan's migration id
 * @param mode the plan's mode
 * @param approvers the plan's {@code approval.approvers}
 * @param approverMustDifferFromStarter the plan's {@code approval.approverMustDifferFromStarter}
 * @param createdAt when the request step stored it
 * @param deadline when the task's timeout ({@code approval.timeoutSeconds}) ends the wait
 * @param expiresAt DynamoDB's TTL: the record is kept some days past the deadline, so a late
 *     decision is told the approval expired, and the decision stays readable for audit
 * @param executionStartTime when the execution started, if the state machine passed it (narrows
 *     the search for its starter)
 * @param attempt which attempt of the task stored this record, if the state machine passed it
 * @param reportHtml {@code s3://} location of the report page
 * @param reportJson {@code s3://} location of the report data
 * @param verdict the report's verdict
 * @param notifiedAt when the notice was published; {@code null} until it was
 * @param notificationId the notice's message id
 * @param decision the decision, once one was taken; {@code null} while waiting
 * @param delivery what became of the decision at Step Functions; {@code null} until it answered
 */
public record ApprovalRecord(
    String executionArn,
    String approvalId,
    String requestKey,
    SealedToken sealedToken,
    String migrationId,
    String mode,
    List<String> approvers,
    boolean approverMustDifferFromStarter,
    Instant createdAt,
    Instant deadline,
    Instant expiresAt,
    Instant executionStartTime,
    Attempt attempt,
    String reportHtml,
    String reportJson,
    String verdict,
    Instant notifiedAt,
    String notificationId,
    Decision decision,
    Delivery delivery) {

  public ApprovalRecord {
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(approvalId, "approvalId");
    Objects.requireNonNull(requestKey, "requestKey");
    Objects.requireNonNull(sealedToken, "sealedToken");
    Objects.requireNonNull(deadline, "deadline");
    approvers = List.copyOf(approvers);
  }

  public ApprovalRecord withNotice(Instant at, String messageId) {
    return new ApprovalRecord(
        executionArn, approvalId, requestKey, sealedToken, migrationId, mode, approvers,
        approverMustDifferFromStarter, createdAt, deadline, expiresAt, executionStartTime, attempt,
        reportHtml, reportJson, verdict, at, messageId, decision, delivery);
  }

  public ApprovalRecord withDecision(Decision taken) {
    return new ApprovalRecord(
        executionArn, approvalId, requestKey, sealedToken, migrationId, mode, approvers,
        approverMustDifferFromStarter, createdAt, deadline, expiresAt, executionStartTime, attempt,
        reportHtml, reportJson, verdict, notifiedAt, notificationId, taken, delivery);
  }

  public ApprovalRecord withDelivery(Delivery answered) {
    return new ApprovalRecord(
        executionArn, approvalId, requestKey, sealedToken, migrationId, mode, approvers,
        approverMustDifferFromStarter, createdAt, deadline, expiresAt, executionStartTime, attempt,
        reportHtml, reportJson, verdict, notifiedAt, notificationId, decision, answered);
  }

  /**
   * Which attempt of the approval task an invocation belongs to: when its state was entered and
   * how many times Retry had run it. A later attempt has a later entered time, or the same one and
   * a higher retry count.
   *
   * @param stateEnteredTime {@code $states.context.State.EnteredTime}
   * @param retryCount {@code $states.context.State.RetryCount}
   */
  public record Attempt(Instant stateEnteredTime, int retryCount) {
    public Attempt {
      Objects.requireNonNull(stateEnteredTime, "stateEnteredTime");
    }

    /** Whether this attempt came before {@code other}. */
    public boolean before(Attempt other) {
      int byTime = stateEnteredTime.compareTo(other.stateEnteredTime);
      return byTime < 0 || (byTime == 0 && retryCount < other.retryCount);
    }
  }

  /** APPROVE lets the execution go on to the cutover; REJECT ends it without changing traffic. */
  public enum Verdict {
    APPROVE,
    REJECT
  }

  /**
   * A decision as it was taken.
   *
   * @param verdict approve or reject
   * @param decidedBy the caller's principal ARN, as AWS authenticated it
   * @param decidedAt when
   * @param reason what the decider said; may be {@code null} for an approval
   * @param startedBy who started the execution, when the plan required the approver to differ
   *     and it was looked up; {@code null} otherwise
   */
  public record Decision(Verdict verdict, String decidedBy, Instant decidedAt, String reason, String startedBy) {
    public Decision {
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(decidedBy, "decidedBy");
      Objects.requireNonNull(decidedAt, "decidedAt");
    }
  }

  /**
   * Step Functions' answer to the decision.
   *
   * @param outcome {@code SENT} (accepted) or the code it refused with ({@code TaskTimedOut},
   *     {@code TaskDoesNotExist}, {@code InvalidToken})
   * @param at when it answered
   */
  public record Delivery(String outcome, Instant at) {
    public static final String SENT = "SENT";

    public boolean sent() {
      return SENT.equals(outcome);
    }
  }
}
