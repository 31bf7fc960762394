package dev.cutover.verify;

/** What one invocation of the checksum comparison does; the state machine names it in the payload. */
public enum ChecksumAction {
  /**
   * Read the verify step's findings, write a manifest of the {@code contentUnverified} keys per
   * side, and create a Compute checksum job on blue and one on green.
   */
  START,
  /** Read both jobs' status, for the Wait → Describe → Choice loop. */
  DESCRIBE,
  /** Read both completion reports and compare the checksums key by key. */
  COMPARE
}
