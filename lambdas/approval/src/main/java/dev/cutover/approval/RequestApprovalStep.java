package dev.cutover.approval;

import dev.cutover.approval.port.ApprovalRecord;
import dev.cutover.approval.port.ApprovalStore;
import dev.cutover.approval.port.Notifier;
import dev.cutover.approval.port.SealedToken;
import dev.cutover.approval.port.TokenCipher;
import dev.cutover.errors.ConcurrentChangeException;
import dev.cutover.plan.Plan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the task token of a waiting approval, encrypted, under the execution ARN, and tells the
 * approvers.
 *
 * <p>Idempotent: Lambda may run an invocation twice and the task's Retry invokes it again. The
 * record's request key (a hash of the execution ARN and the token) tells the two cases apart:
 *
 * <ul>
 *   <li>same key: a retry of this very invocation. The stored record is reused as it is (same
 *       approval id); the notice is published only if the record says it has not been yet, so
 *       approvers get one notice, or two if a Lambda died between publishing and recording it;
 *   <li>different key: the task was attempted again and Step Functions issued a new token; the old
 *       one can no longer complete anything. The record is replaced (new approval id, new token)
 *       and a new notice names the new approval id. If both invocations carry their attempt
 *       ({@code stateEnteredTime} and {@code retryCount}) and this one's is the earlier, it is a
 *       late duplicate of a dead attempt: it changes nothing and sends nothing.
 * </ul>
 *
 * Every write is conditional; an invocation that loses a race reads the winner's record and goes
 * on from there.
 */
final class RequestApprovalStep {

  /**
   * How long a record outlives its deadline: a late decision is told the approval expired (rather
   * than that none exists), and the decision stays readable. DynamoDB deletes expired items within
   * a few days of {@code expiresAt}, not at once, so the deadline is always checked in code.
   */
  static final Duration RETENTION_AFTER_DEADLINE = Duration.ofDays(14);

  private static final Logger LOG = LoggerFactory.getLogger(RequestApprovalStep.class);
  private static final int ATTEMPTS = 3;

  private final ApprovalStore store;
  private final TokenCipher cipher;
  private final Notifier notifier;
  private final Clock clock;
  private final Supplier<String> approvalIds;

  RequestApprovalStep(ApprovalStore store, TokenCipher cipher, Notifier notifier, Clock clock, Supplier<String> approvalIds) {
    this.store = store;
    this.cipher = cipher;
    this.notifier = notifier;
    this.clock = clock;
    this.approvalIds = approvalIds;
  }

  ApprovalRequested request(RequestApprovalInput input) {
    String executionArn = input.executionId();
    String requestKey = ApprovalKeys.requestKey(executionArn, input.taskToken());
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Optional<ApprovalRecord> existing = store.find(executionArn);
      if (existing.isPresent() && existing.get().requestKey().equals(requestKey)) {
        LOG.info("Approval {} for {} was stored by an earlier invocation of this task; reusing it",
            existing.get().approvalId(), executionArn);
        return notifyOnce(existing.get(), input, true);
      }
      if (existing.isPresent() && staleAttempt(input.attempt(), existing.get().attempt())) {
        LOG.warn("Invocation for attempt {} of the approval task for {} arrived after attempt {} stored approval {}; its token is dead, leaving the record alone",
            input.attempt(), executionArn, existing.get().attempt(), existing.get().approvalId());
        return new ApprovalRequested(executionArn, existing.get().approvalId(), existing.get().deadline().toString(), false, false);
      }
      ApprovalRecord record = newRecord(input, requestKey);
      boolean stored = existing.isEmpty()
          ? store.create(record)
          : store.replace(record, existing.get().requestKey());
      if (stored) {
        existing.ifPresent(old -> LOG.info(
            "Approval {} for {} replaces approval {}: the task was attempted again with a new token",
            record.approvalId(), executionArn, old.approvalId()));
        LOG.info("Approval {} for {} stored; waits until {}", record.approvalId(), executionArn, record.deadline());
        return notifyOnce(record, input, false);
      }
      LOG.info("Another invocation wrote the approval for {} first; reading it again", executionArn);
    }
    throw new ConcurrentChangeException(
        "The approval record for " + executionArn + " kept changing under this invocation (" + ATTEMPTS
            + " attempts): another invocation for the same execution is writing it. Retry the task.");
  }

  private static boolean staleAttempt(ApprovalRecord.Attempt mine, ApprovalRecord.Attempt stored) {
    return mine != null && stored != null && mine.before(stored);
  }

  private ApprovalRecord newRecord(RequestApprovalInput input, String requestKey) {
    Plan plan = input.plan();
    String approvalId = approvalIds.get();
    Instant now = clock.instant();
    Instant waitStarted = input.stateEnteredTime() != null ? input.stateEnteredTime() : now;
    Instant deadline = waitStarted.plusSeconds(plan.approval().timeoutSeconds());
    SealedToken sealed =
        cipher.seal(input.taskToken(), ApprovalKeys.encryptionContext(input.executionId(), approvalId));
    return new ApprovalRecord(
        input.executionId(),
        approvalId,
        requestKey,
        sealed,
        plan.migrationId(),
        plan.mode().name(),
        plan.approval().approvers(),
        plan.approval().approverMustDifferFromStarter(),
        now,
        deadline,
        deadline.plus(RETENTION_AFTER_DEADLINE),
        input.executionStartTime(),
        input.attempt(),
        input.report().html(),
        input.report().json(),
        input.report().verdict(),
        null,
        null,
        null,
        null);
  }

  private ApprovalRequested notifyOnce(ApprovalRecord record, RequestApprovalInput input, boolean reused) {
    if (record.notifiedAt() != null) {
      LOG.info("The notice for approval {} went out at {} (message {}); not sending it again",
          record.approvalId(), record.notifiedAt(), record.notificationId());
      return new ApprovalRequested(record.executionArn(), record.approvalId(), record.deadline().toString(), reused, false);
    }
    String messageId = notifier.publish(ApprovalNotice.of(record, input.plan(), input.report()));
    if (!store.markNotified(record.executionArn(), record.approvalId(), clock.instant(), messageId)) {
      LOG.warn("Approval {} for {} was replaced while its notice went out (message {})",
          record.approvalId(), record.executionArn(), messageId);
    }
    LOG.info("Notice for approval {} published as message {}", record.approvalId(), messageId);
    return new ApprovalRequested(record.executionArn(), record.approvalId(), record.deadline().toString(), reused, true);
  }
}
