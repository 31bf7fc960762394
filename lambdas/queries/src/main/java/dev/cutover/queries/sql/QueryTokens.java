package dev.cutover.queries.sql;

import dev.cutover.batch.IdempotencyTokens;

/**
 * Idempotency tokens for queries ({@code ClientRequestToken} in Athena). Step Functions re-invokes a
 * task on Retry, and Lambda may run one invocation twice; a token derived from where the query is
 * started, and nothing else, lets the retried step find the query it already started rather than
 * pay for a second scan.
 */
public final class QueryTokens {

  private QueryTokens() {}

  /**
   * The token of one query of one state of one execution.
   *
   * @param executionId the Step Functions execution ARN
   * @param stateName the state that runs the query
   * @param queryName which query of that state (a state may run several)
   * @return a hex SHA-256: 64 characters, within Athena's 32 to 128
   */
  public static String of(String executionId, String stateName, String queryName) {
    return IdempotencyTokens.of("cutover-query", executionId, stateName, queryName);
  }

  /**
   * The token of a later attempt at the same query, after the engine failed it with an error it
   * marks retryable: the first attempt's token would only return the failed query again.
   *
   * @param attempt 1 for the first attempt, which keeps {@code token} itself
   */
  public static String attempt(String token, int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1");
    }
    return attempt == 1 ? token : IdempotencyTokens.of(token, "attempt " + attempt);
  }

}
