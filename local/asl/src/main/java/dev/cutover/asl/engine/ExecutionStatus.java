package dev.cutover.asl.engine;

/** As {@code DescribeExecution} reports it. */
public enum ExecutionStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  ABORTED
}
