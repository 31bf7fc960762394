package dev.cutover.approval.memory;

import dev.cutover.approval.port.ApprovalRecord;
import dev.cutover.approval.port.ApprovalRecord.Decision;
import dev.cutover.approval.port.ApprovalRecord.Delivery;
import dev.cutover.approval.port.ApprovalStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The approval store in memory, with the same conditions {@code DynamoDbApprovalStore} sends: the
 * local runtime's store ({@code cutover rehearse}), and the tests'. Each conditional write is
 * atomic; {@link #beforeConditionalWrite()} runs just before its condition is evaluated.
 */
public class InMemoryApprovalStore implements ApprovalStore {

  private final Map<String, ApprovalRecord> records = new ConcurrentHashMap<>();

  /** The records by execution ARN, for a subclass that writes as another writer would. */
  protected final Map<String, ApprovalRecord> records() {
    return records;
  }

  /** Runs inside each conditional write, before its condition is evaluated; nothing by default. */
  protected void beforeConditionalWrite() {}

  /** Called after each conditional write that went through, with its name ({@code "claim"}…). */
  protected void written(String write) {}

  @Override
  public Optional<ApprovalRecord> find(String executionArn) {
    return Optional.ofNullable(records.get(executionArn));
  }

  @Override
  public synchronized boolean create(ApprovalRecord record) {
    beforeConditionalWrite();
    if (records.containsKey(record.executionArn())) {
      return false;
    }
    records.put(record.executionArn(), record);
    written("create");
    return true;
  }

  @Override
  public synchronized boolean replace(ApprovalRecord record, String expectedRequestKey) {
    beforeConditionalWrite();
    ApprovalRecord current = records.get(record.executionArn());
    if (current == null || !current.requestKey().equals(expectedRequestKey)) {
      return false;
    }
    records.put(record.executionArn(), record);
    written("replace");
    return true;
  }

  @Override
  public synchronized boolean markNotified(String executionArn, String approvalId, Instant at, String messageId) {
    beforeConditionalWrite();
    ApprovalRecord current = records.get(executionArn);
    if (current == null || !current.approvalId().equals(approvalId)) {
      return false;
    }
    records.put(executionArn, current.withNotice(at, messageId));
    written("markNotified");
    return true;
  }

  @Override
  public synchronized boolean claim(String executionArn, String approvalId, Decision decision) {
    beforeConditionalWrite();
    ApprovalRecord current = records.get(executionArn);
    if (current == null || !current.approvalId().equals(approvalId) || current.decision() != null) {
      return false;
    }
    records.put(executionArn, current.withDecision(decision));
    written("claim");
    return true;
  }

  @Override
  public synchronized boolean markDelivered(String executionArn, String approvalId, Delivery delivery) {
    beforeConditionalWrite();
    ApprovalRecord current = records.get(executionArn);
    if (current == null || !current.approvalId().equals(approvalId) || current.decision() == null) {
      return false;
    }
    records.put(executionArn, current.withDelivery(delivery));
    written("markDelivered");
    return true;
  }
}
