package dev.cutover.approval.support;

import dev.cutover.approval.port.ApprovalRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The in-memory store with what tests need besides: a racing writer, writes without conditions, a log of writes. */
public final class InMemoryApprovalStore extends dev.cutover.approval.memory.InMemoryApprovalStore {

  private final List<String> writes = new ArrayList<>();
  private Runnable beforeNextWrite = () -> {};

  /** Runs {@code action} just before the next conditional write is evaluated (a racing writer). */
  public void beforeNextWrite(Runnable action) {
    this.beforeNextWrite = action;
  }

  /** Puts a record as another writer would, without conditions. */
  public void put(ApprovalRecord record) {
    records().put(record.executionArn(), record);
  }

  public Optional<ApprovalRecord> get(String executionArn) {
    return find(executionArn);
  }

  public int size() {
    return records().size();
  }

  /** The writes that went through, e.g. {@code "create"}, {@code "claim"}. */
  public List<String> writes() {
    return List.copyOf(writes);
  }

  @Override
  protected void beforeConditionalWrite() {
    Runnable action = beforeNextWrite;
    beforeNextWrite = () -> {};
    action.run();
  }

  @Override
  protected void written(String write) {
    writes.add(write);
  }
}
