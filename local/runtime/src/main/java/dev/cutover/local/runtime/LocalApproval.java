package dev.cutover.local.runtime;

import dev.cutover.approval.memory.InMemoryApprovalStore;
import dev.cutover.approval.port.ApprovalStore;
import dev.cutover.approval.port.DecidePorts;
import dev.cutover.approval.port.Notifier;
import dev.cutover.approval.port.RequestPorts;
import dev.cutover.approval.port.StarterLookup;
import dev.cutover.approval.port.TaskCallbacks;
import dev.cutover.approval.port.TokenCipher;
import java.util.Objects;

/**
 * The approval's ports in the local runtime: the store in memory, AES-GCM for the sealed token,
 * notices to the runtime's topic, and the decision delivered through {@code callbacks} (the local
 * Step Functions endpoint's SendTaskSuccess / SendTaskFailure). Whoever started a local run is
 * {@code starterArn}, so "the approver must differ from the starter" is checked locally too.
 */
public final class LocalApproval implements RequestPorts, DecidePorts {

  /** The topic approval notices are published to. */
  public static final String TOPIC = "cutover-approvals";

  private final ApprovalStore store = new InMemoryApprovalStore();
  private final TokenCipher cipher = new AesTokenCipher();
  private final Notifier notifier;
  private final TaskCallbacks callbacks;
  private final String starterArn;

  public LocalApproval(LocalNotices notices, String topicArn, TaskCallbacks callbacks, String starterArn) {
    Objects.requireNonNull(notices, "notices");
    this.notifier = notice -> notices.publish(topicArn, notice.subject(), notice.message()).messageId();
    this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
    this.starterArn = Objects.requireNonNull(starterArn, "starterArn");
  }

  @Override
  public ApprovalStore store() {
    return store;
  }

  @Override
  public TokenCipher cipher() {
    return cipher;
  }

  @Override
  public Notifier notifier() {
    return notifier;
  }

  @Override
  public TaskCallbacks callbacks(String region) {
    return callbacks;
  }

  @Override
  public StarterLookup starters(String region) {
    return (executionArn, startedAround) -> new StarterLookup.Known(starterArn);
  }
}
