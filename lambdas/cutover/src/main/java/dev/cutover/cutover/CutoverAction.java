package dev.cutover.cutover;

/**
 * The cutover's actions, each a Task state of its own so the workflow can wait between them (Wait
 * → status → Choice loops). In the order the workflow runs them; each is safe to run again.
 */
public enum CutoverAction implements Action {
  /**
   * Read-only: green holds the wildcard alias and an issued, unexpired ACM certificate covering
   * the hostname; who holds the exact alias; where the record points; who else holds overlapping
   * aliases (ListDomainConflicts). Refuses, listing every problem, when the move cannot be made
   * without downtime.
   */
  CHECK(false, false, false),
  /**
   * Writes the compensation: blue's and green's aliases and the hostname's records as they are
   * now, and the records cutover will point at green. Once per migration: a record already there
   * is the pre-cutover truth and is kept.
   */
  RECORD(false, false, true),
  /** Points the record at green by compare-and-swap (delete the recorded value, create green's). */
  POINT_DNS(false, false, true),
  /** Whether the change POINT_DNS submitted is INSYNC. */
  DNS_STATUS(true, false, false),
  /** Removes the exact alias from blue; green's wildcard takes the requests. */
  DETACH_BLUE(false, false, true),
  /** Whether a distribution's last change is Deployed. */
  DISTRIBUTION_STATUS(false, true, false),
  /** Adds the exact alias to green. */
  ATTACH_GREEN(false, false, true);

  private final boolean needsChangeId;
  private final boolean needsSide;
  private final boolean mutates;

  CutoverAction(boolean needsChangeId, boolean needsSide, boolean mutates) {
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
