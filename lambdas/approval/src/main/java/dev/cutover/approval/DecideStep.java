package dev.cutover.approval;

import dev.cutover.approval.port.ApprovalRecord;
import dev.cutover.approval.port.ApprovalRecord.Decision;
import dev.cutover.approval.port.ApprovalRecord.Delivery;
import dev.cutover.approval.port.ApprovalRecord.Verdict;
import dev.cutover.approval.port.ApprovalStore;
import dev.cutover.approval.port.StarterLookup;
import dev.cutover.approval.port.TaskCallbacks;
import dev.cutover.approval.port.TaskCallbacks.TaskNotWaitingException;
import dev.cutover.approval.port.TokenCipher;
import dev.cutover.approval.port.TokenCipher.UnreadableTokenException;
import dev.cutover.errors.ApprovalRejectedException;
import dev.cutover.errors.CutoverException;
import dev.cutover.errors.TransientException;
import dev.cutover.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a decision on a waiting approval, for a caller AWS has authenticated, and hands it to Step
 * Functions.
 *
 * <p>In order: the approval exists; the caller is on its allow-list (before anything else about the
 * approval is revealed); it is not decided yet; it has not expired; if the plan says so, the caller
 * is not who started the execution (looked up from an authenticated source; unknown means refused).
 * Then the token is decrypted, the decision is recorded with a conditional write (so of two callers
 * only one decides), and sent: SendTaskSuccess with {@code {decision, decidedBy, decidedAt, reason,
 * approvalId, startedBy}}, or SendTaskFailure with {@code dev.cutover.errors.ApprovalRejectedException}
 * and a cause naming who rejected and why.
 *
 * <p>A decision that is recorded but whose delivery failed (a transient error, or the Lambda died)
 * stays recorded; the same caller running the same command again delivers it. Everyone else is told
 * who decided.
 */
final class DecideStep {

  private static final Logger LOG = LoggerFactory.getLogger(DecideStep.class);

  private final ApprovalStore store;
  private final TokenCipher cipher;
  private final TaskCallbacks callbacks;
  private final StarterLookup starters;
  private final Clock clock;

  DecideStep(ApprovalStore store, TokenCipher cipher, TaskCallbacks callbacks, StarterLookup starters, Clock clock) {
    this.store = store;
    this.cipher = cipher;
    this.callbacks = callbacks;
    this.starters = starters;
    this.clock = clock;
  }

  DecisionOutcome decide(DecisionRequest request, String callerArn) {
    String executionArn = request.executionArn();
    try {
      return decideOrRefuse(request, callerArn);
    } catch (Refusal refusal) {
      return refusal.outcome;
    } catch (TransientException e) {
      LOG.warn("Decision on {} by {} stopped by a temporary AWS error before anything was recorded: {}", executionArn, callerArn, e.getMessage());
      return DecisionOutcome.refused(503, DecisionOutcome.TRY_AGAIN,
          "AWS answered with a temporary error, and nothing was decided: " + sentence(e.getMessage()) + " Run the same command again.", executionArn);
    } catch (CutoverException e) {
      LOG.error("Decision on {} by {} failed before anything was recorded: {}", executionArn, callerArn, e.getMessage(), e);
      return DecisionOutcome.refused(500, DecisionOutcome.FAILED,
          "The decision could not be taken, and nothing was decided: " + sentence(e.getMessage()), executionArn);
    }
  }

  private DecisionOutcome decideOrRefuse(DecisionRequest request, String callerArn) {
    String executionArn = request.executionArn();
    ApprovalRecord record = store.find(executionArn).orElseThrow(() -> noApproval(executionArn));
    Principal caller = Principal.parse(callerArn);
    if (record.approvers().stream().map(Principal::parse).noneMatch(entry -> entry.allows(caller))) {
      LOG.warn("{} tried to {} {} but is not on its allow-list", callerArn, request.verdict(), executionArn);
      throw new Refusal(DecisionOutcome.refused(403, DecisionOutcome.NOT_AN_APPROVER,
          callerArn + " may not decide this approval. The plan's approval.approvers are: "
              + String.join(", ", record.approvers())
              + ". A role admits any of its sessions, an assumed-role session only itself, a user only that user.",
          executionArn));
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (record.decision() != null) {
      Decision taken = record.decision();
      boolean ownUndelivered = record.delivery() == null
          && taken.verdict() == request.verdict()
          && taken.decidedBy().equals(callerArn);
      if (!ownUndelivered) {
        throw new Refusal(alreadyDecided(record));
      }
      LOG.info("{} repeats its {} of {} (approval {}), recorded at {} but not confirmed by Step Functions; delivering it again",
          callerArn, taken.verdict(), executionArn, record.approvalId(), taken.decidedAt());
      return deliver(record, taken, open(record), true);
    }
    if (!now.isBefore(record.deadline())) {
      throw new Refusal(expired(record, null, now));
    }
    String startedBy = null;
    if (record.approverMustDifferFromStarter()) {
      startedBy = differentStarter(record, caller, request);
    }
    Decision decision = new Decision(request.verdict(), callerArn, now, request.reason(), startedBy);
    // Opened before the decision is recorded: a token that cannot be opened must not leave the
    // approval marked as decided.
    String token = open(record);
    if (!store.claim(executionArn, record.approvalId(), decision)) {
      ApprovalRecord current = store.find(executionArn).orElseThrow(() -> noApproval(executionArn));
      if (!current.approvalId().equals(record.approvalId())) {
        throw new Refusal(DecisionOutcome.refused(409, DecisionOutcome.ALREADY_DECIDED,
            "The approval for this execution was re-issued while you decided (the task was attempted again): approval "
                + current.approvalId() + " replaces " + record.approvalId() + ". Run the same command again to decide the new one.",
            executionArn));
      }
      throw new Refusal(alreadyDecided(current));
    }
    LOG.info("Approval {} for {}: {} by {} at {} recorded", record.approvalId(), executionArn, decision.verdict(), callerArn, now);
    return deliver(record.withDecision(decision), decision, token, false);
  }

  private String differentStarter(ApprovalRecord record, Principal caller, DecisionRequest request) {
    String executionArn = record.executionArn();
    StarterLookup.Starter starter = starters.find(executionArn, record.executionStartTime());
    return switch (starter) {
      case StarterLookup.Unknown unknown -> {
        LOG.warn("{} tried to {} {}, but who started the execution is unknown: {}", caller, request.verdict(), executionArn, unknown.why());
        throw new Refusal(DecisionOutcome.refused(403, DecisionOutcome.STARTER_UNKNOWN,
            "The plan requires the approver to differ from whoever started the run (approval.approverMustDifferFromStarter),"
                + " and who started it cannot be confirmed, so the decision was not taken: " + unknown.why(),
            executionArn));
      }
      case StarterLookup.Known known when Principal.parse(known.principalArn()).samePersonAs(caller) -> {
        LOG.warn("{} tried to {} {}, which it started as {}", caller, request.verdict(), executionArn, known.principalArn());
        throw new Refusal(DecisionOutcome.refused(403, DecisionOutcome.SELF_APPROVAL,
            "You started this run (as " + known.principalArn() + "), and the plan requires someone else to decide"
                + " (approval.approverMustDifferFromStarter). Ask another approver: " + String.join(", ", record.approvers())
                + sameRoleNote(Principal.parse(known.principalArn()), caller),
            executionArn));
      }
      case StarterLookup.Known known -> known.principalArn();
    };
  }

  private static String sameRoleNote(Principal starter, Principal caller) {
    if (starter.kind() == Principal.Kind.SESSION && !starter.identityCenterRole() && !starter.text().equals(caller.text())) {
      return ". Sessions of one role count as one person unless it is an IAM Identity Center role, because whoever assumes a role picks the session name.";
    }
    return ".";
  }

  private String open(ApprovalRecord record) {
    try {
      return cipher.open(record.sealedToken(), ApprovalKeys.encryptionContext(record.executionArn(), record.approvalId()));
    } catch (UnreadableTokenException e) {
      LOG.error("The stored token of approval {} for {} does not open: {}", record.approvalId(), record.executionArn(), e.getMessage());
      throw new Refusal(DecisionOutcome.refused(500, DecisionOutcome.FAILED,
          "The approval's stored task token cannot be decrypted (" + e.getMessage() + "), so nothing was decided."
              + " The record was altered or the key is unusable; the run will time out without changing traffic.",
          record.executionArn()));
    }
  }

  private DecisionOutcome deliver(ApprovalRecord record, Decision decision, String token, boolean repeated) {
    String executionArn = record.executionArn();
    try {
      if (decision.verdict() == Verdict.APPROVE) {
        callbacks.succeed(token, output(record, decision));
      } else {
        callbacks.fail(token, ApprovalRejectedException.class.getName(), cause(record, decision));
      }
    } catch (TaskNotWaitingException e) {
      LOG.warn("Step Functions no longer waits for approval {} of {} ({}): {}", record.approvalId(), executionArn, e.code(), e.getMessage());
      recordDelivery(record, new Delivery(e.code(), clock.instant()));
      if (repeated) {
        return DecisionOutcome.refused(410, DecisionOutcome.EXPIRED,
            "Step Functions no longer waits for this approval (" + e.code() + "). Either your earlier call for this decision"
                + " reached it before failing, and the execution went on with it, or the approval expired at " + seconds(record.deadline())
                + ". The execution's history says which: cutover watch --execution " + executionArn,
            executionArn);
      }
      return expired(record, e.code(), clock.instant());
    } catch (CutoverException e) {
      boolean temporary = e instanceof TransientException;
      if (temporary) {
        LOG.warn("Decision on {} recorded but not delivered: {}", executionArn, e.getMessage());
      } else {
        LOG.error("Decision on {} recorded but not delivered: {}", executionArn, e.getMessage(), e);
      }
      return new DecisionOutcome(temporary ? 503 : 500, temporary ? DecisionOutcome.TRY_AGAIN : DecisionOutcome.FAILED,
          "Your decision (" + decision.verdict() + " at " + seconds(decision.decidedAt()) + ") is recorded, but Step Functions"
              + " has not received it: " + sentence(e.getMessage()) + " Run the same command again to deliver it; until then nobody else can decide.",
          executionArn, record.approvalId(), decision.verdict().name(), decision.decidedBy(), decision.decidedAt().toString(), null);
    }
    recordDelivery(record, new Delivery(Delivery.SENT, clock.instant()));
    boolean approved = decision.verdict() == Verdict.APPROVE;
    LOG.info("Approval {} for {}: {} by {} delivered to Step Functions", record.approvalId(), executionArn, decision.verdict(), decision.decidedBy());
    return new DecisionOutcome(200, approved ? DecisionOutcome.APPROVED : DecisionOutcome.REJECTED,
        (approved ? "Approved" : "Rejected") + " by " + decision.decidedBy() + " at " + seconds(decision.decidedAt())
            + (approved ? ": the execution goes on to the cutover." : ": the execution ends without changing traffic."),
        executionArn, record.approvalId(), decision.verdict().name(), decision.decidedBy(), decision.decidedAt().toString(), null);
  }

  /** What the task returns to the workflow on approval. */
  static String output(ApprovalRecord record, Decision decision) {
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("decision", decision.verdict().name());
    output.put("decidedBy", decision.decidedBy());
    output.put("decidedAt", decision.decidedAt().toString());
    output.put("reason", decision.reason());
    output.put("approvalId", record.approvalId());
    output.put("startedBy", decision.startedBy());
    return Json.write(output);
  }

  /** The failure's cause on rejection; the execution's error output shows it. */
  static String cause(ApprovalRecord record, Decision decision) {
    return "Rejected by " + decision.decidedBy() + " at " + decision.decidedAt() + ": " + decision.reason()
        + " (approval " + record.approvalId() + ")";
  }

  private void recordDelivery(ApprovalRecord record, Delivery delivery) {
    try {
      if (!store.markDelivered(record.executionArn(), record.approvalId(), delivery)) {
        LOG.warn("Approval {} for {} was replaced before its delivery ({}) could be recorded", record.approvalId(), record.executionArn(), delivery.outcome());
      }
    } catch (CutoverException e) {
      // Step Functions has answered; the answer stands whether or not the record says so.
      LOG.warn("Could not record delivery {} of approval {} for {}: {}", delivery.outcome(), record.approvalId(), record.executionArn(), e.getMessage());
    }
  }

  private static Refusal noApproval(String executionArn) {
    return new Refusal(DecisionOutcome.refused(404, DecisionOutcome.NO_APPROVAL_WAITING,
        "No approval is waiting for this execution (" + executionArn + "). It has not reached its approval yet, or it"
            + " ended long ago, or the ARN is not the one the notice names.",
        executionArn));
  }

  private static DecisionOutcome alreadyDecided(ApprovalRecord record) {
    Decision d = record.decision();
    String verb = d.verdict() == Verdict.APPROVE ? "approved" : "rejected";
    StringBuilder message = new StringBuilder("This approval was already decided: ")
        .append(verb).append(" by ").append(d.decidedBy()).append(" at ").append(seconds(d.decidedAt()));
    if (d.reason() != null) {
      message.append(" (\"").append(d.reason()).append("\")");
    }
    message.append('.');
    Delivery delivery = record.delivery();
    if (delivery == null) {
      message.append(" Step Functions has not confirmed it yet; ").append(d.decidedBy())
          .append(" can run the same command again to deliver it.");
    } else if (!delivery.sent()) {
      message.append(" Step Functions no longer waited for it (").append(delivery.outcome())
          .append("): the run ended without changing traffic.");
    }
    return new DecisionOutcome(409, DecisionOutcome.ALREADY_DECIDED, message.toString(), record.executionArn(),
        record.approvalId(), d.verdict().name(), d.decidedBy(), d.decidedAt().toString(), null);
  }

  /**
   * The approval can no longer be decided: its deadline passed, or Step Functions said it no longer
   * waits ({@code stepFunctionsCode}: timed out, execution stopped or ended).
   */
  private static DecisionOutcome expired(ApprovalRecord record, String stepFunctionsCode, Instant now) {
    String message = stepFunctionsCode != null && now.isBefore(record.deadline())
        ? "Step Functions no longer waits for this approval: it answered " + stepFunctionsCode
            + " before the approval's deadline (" + seconds(record.deadline()) + "). The execution was stopped or has"
            + " ended, or the task was attempted again with a new approval; nothing changed traffic. Check it with"
            + " cutover watch --execution " + record.executionArn()
        : "This approval has expired at " + seconds(record.deadline())
            + (stepFunctionsCode == null ? "" : " (Step Functions no longer waits for it: " + stepFunctionsCode + ")")
            + "; the execution ended or will end without changing traffic. Start a new run to migrate.";
    return DecisionOutcome.refused(410, DecisionOutcome.EXPIRED, message, record.executionArn());
  }

  /** A message as a sentence: AWS and contract messages often lack the final stop. */
  private static String sentence(String message) {
    String text = message == null ? "" : message.strip();
    return text.endsWith(".") || text.endsWith("?") || text.endsWith("!") ? text : text + ".";
  }

  private static String seconds(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** A refusal, carried out of the checks to {@link #decide}. */
  private static final class Refusal extends RuntimeException {
    private final transient DecisionOutcome outcome;

    Refusal(DecisionOutcome outcome) {
      super(outcome.code(), null, false, false);
      this.outcome = outcome;
    }
  }
}
