package dev.cutover.approval.port;

import java.time.Instant;
import java.util.Optional;

/**
 * Where approvals wait, one per execution (in AWS, a DynamoDB table keyed by execution ARN). Every
 * write is conditional, so two invocations racing on one execution cannot both win; a write that
 * loses returns {@code false} and the caller reads the record again to see who won.
 */
public interface ApprovalStore {

  /** The approval for {@code executionArn}, read consistently. */
  Optional<ApprovalRecord> find(String executionArn);

  /** Stores {@code record} if the execution has none yet; {@code false} if it has one. */
  boolean create(ApprovalRecord record);

  /**
   * Replaces the execution's record with {@code record} if the stored one still has {@code
   * expectedRequestKey} (the task was attempted again, with a new token); {@code false} otherwise.
   */
  boolean replace(ApprovalRecord record, String expectedRequestKey);

  /**
   * Records that the notice for approval {@code approvalId} went out; {@code false} if that
   * approval is no longer the execution's.
   */
  boolean markNotified(String executionArn, String approvalId, Instant at, String messageId);

  /**
   * Records {@code decision} on approval {@code approvalId} if it is still the execution's and
   * nobody has decided it; {@code false} otherwise.
   */
  boolean claim(String executionArn, String approvalId, ApprovalRecord.Decision decision);

  /**
   * Records Step Functions' answer to the decision on approval {@code approvalId}; {@code false}
   * if that approval is no longer the execution's.
   */
  boolean markDelivered(String executionArn, String approvalId, ApprovalRecord.Delivery delivery);
}
