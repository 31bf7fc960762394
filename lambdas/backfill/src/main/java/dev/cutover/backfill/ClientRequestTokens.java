package dev.cutover.backfill;

import dev.cutover.batch.IdempotencyTokens;

/**
 * The {@code ClientRequestToken} of a backfill job. Step Functions re-invokes a task on Retry, and
 * a Lambda may run twice for one invocation; S3 returns the existing job for a token it has seen,
 * so deriving the token from where the call comes from, and nothing else, means a retried step
 * never makes a second job.
 */
final class ClientRequestTokens {

  private ClientRequestTokens() {}

  /**
   * The token for one job of one execution.
   *
   * @param action which kind of job (a first backfill or a redrive)
   * @param executionId the Step Functions execution ARN
   * @param stateName the state that creates the job
   * @param attempt which job of that state: 1 unless the workflow loops back to the same state to
   *     create another one (a second redrive)
   * @return a hex SHA-256: 64 characters, the most S3 Control accepts
   */
  static String of(BackfillAction action, String executionId, String stateName, int attempt) {
    return IdempotencyTokens.of(
        "cutover-backfill", action.name(), executionId, stateName, Integer.toString(attempt));
  }
}
