package dev.cutover.approval.support;

import dev.cutover.approval.port.ApprovalRecord;
import dev.cutover.approval.port.ApprovalRecord.Decision;
import dev.cutover.approval.port.ApprovalRecord.Delivery;
import dev.cutover.approval.port.ApprovalStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The store's contract in memory, with the same conditions DynamoDbApprovalStore sends. */
public final class InMemoryApprovalStore implements ApprovalStore {

  private final Map<String, ApprovalRecord> records = new ConcurrentHashMap<>();
  private final List<String> writes = new ArrayList<>();
  private Runnable beforeNextWrite = () -> {};

  /** Runs {@code action} just before the next conditional write is evaluated (a racing writer). */
  public void beforeNextWrite(Runnable action) {
    this.beforeNextWrite = action;
  }

  /** Puts a record as another writer would, without conditions. */
  public void put(ApprovalRecord record) {
    records.put(record.executionArn(), record);
  }

  public Optional<ApprovalRecord> get(String executionArn) {
    return Optional.ofNullable(records.get(executionArn));
  }

  public int size() {
    return records.size();
  }

  /** The writes that went through, e.g. {@code "create"}, {@code "claim"}. */
  public List<String> writes() {
    return List.copyOf(writes);
  }

  @Override
  public Optional<ApprovalRecord> find(String executionArn) {
    return get(executionArn);
  }

  @Override
  public synchronized boolean create(ApprovalRecord record) {
    race();
    if (records.containsKey(record.executionArn())) {
      return false;
    }
    records.put(record.executionArn(), record);
    writes.add("create");
    return true;
  }

  @Override
  public synchronized boolean replace(ApprovalRecord record, String expectedRequestKey) {
    race();
    ApprovalRecord current = records.get(record.executionArn());
    if (current == null || !current.requestKey().equals(expectedRequestKey)) {
      return false;
    }
    records.put(record.executionArn(), record);
    writes.add("replace");
    return true;
  }

  @Override
  public synchronized boolean markNotified(String executionArn, String approvalId, Instant at, String messageId) {
    race();
    ApprovalRecord current = records.get(executionArn);
    if (current == null || !current.approvalId().equals(approvalId)) {
      return false;
    }
    records.put(executionArn, current.withNotice(at, messageId));
    writes.add("markNotified");
    return true;
  }

  @Override
  public synchronized boolean claim(String executionArn, String approvalId, Decision decision) {
    race();
    ApprovalRecord current = records.get(executionArn);
    if (current == null || !current.approvalId().equals(approvalId) || current.decision() != null) {
      return false;
    }
    records.put(executionArn, current.withDecision(decision));
    writes.add("claim");
    return true;
  }

  @Override
  public synchronized boolean markDelivered(String executionArn, String approvalId, Delivery delivery) {
    race();
    ApprovalRecord current = records.get(executionArn);
    if (current == null || !current.approvalId().equals(approvalId) || current.decision() == null) {
      return false;
    }
    records.put(executionArn, current.withDelivery(delivery));
    writes.add("markDelivered");
    return true;
  }

  private void race() {
    Runnable action = beforeNextWrite;
    beforeNextWrite = () -> {};
    action.run();
  }
}
