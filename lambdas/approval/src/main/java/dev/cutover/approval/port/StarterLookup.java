package dev.cutover.approval.port;

import java.time.Instant;

/**
 * Who started an execution, from a source AWS authenticates (in AWS, the StartExecution event in
 * CloudTrail's event history; the local runtime knows who called its StartExecution). Never from
 * the execution's input, which the starter writes.
 */
public interface StarterLookup {

  /**
   * @param executionArn the execution
   * @param startedAround when it started ({@code $states.context.Execution.StartTime}), to narrow
   *     the search; {@code null} when not known
   */
  Starter find(String executionArn, Instant startedAround);

  /** The starter's principal ARN, or why it could not be found. */
  sealed interface Starter {}

  /** @param principalArn as AWS recorded it, e.g. {@code arn:aws:sts::111122223333:assumed-role/ROLE/SESSION} */
  record Known(String principalArn) implements Starter {}

  /** @param why what was searched and what to do, for the person refused */
  record Unknown(String why) implements Starter {}
}
