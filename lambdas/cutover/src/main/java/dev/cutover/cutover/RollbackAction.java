package dev.cutover.cutover;

/**
 * The rollback's actions, in the order the workflow runs them, each driven by the cutover record
 * and each a no-op when there is nothing of its to undo. The replication configuration is put
 * back afterwards by the replication step's {@code RESTORE} action.
 */
public enum RollbackAction implements Action {
  /** Removes the exact alias from green, unless green held it before cutover. */
  DETACH_GREEN(false, false, true),
  /** Whether a distribution's last change is Deployed. */
  DISTRIBUTION_STATUS(false, true, false),
  /** Adds the exact alias back to blue, if blue held it before cutover. */
  ATTACH_BLUE(false, false, true),
  /** Puts the recorded records back by compare-and-swap (delete green's value, create the recorded). */
  RESTORE_DNS(false, false, true),
  /** Whether the change RESTORE_DNS submitted is INSYNC. */
  DNS_STATUS(true, false, false);

  private final boolean needsChangeId;
  private final boolean needsSide;
  private final boolean mutates;

  RollbackAction(boolean needsChangeId, boolean needsSide, boolean mutates) {
    this.needsChangeId = needsChangeId;
    this.needsSide = needsSide;
    this.mutates = mutates;
  }

  @Override
  public boolean needsChangeId() {
    return needsChangeId;
  }

  @Override
  public boolean needsSide() {
    return needsSide;
  }

  @Override
  public boolean mutates() {
    return mutates;
  }
}
