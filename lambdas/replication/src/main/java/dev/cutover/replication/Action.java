package dev.cutover.replication;

/** What a task of the state machine asks this step to do. */
public enum Action {
  /** Record blue's replication configuration, then add cutover's rule to it. */
  ENABLE,
  /** Put blue's recorded replication configuration back (rollback). */
  RESTORE
}
