package dev.cutover.queries.port;

import java.util.List;
import java.util.Objects;

/**
 * One SQL statement to run, exactly as an engine receives it.
 *
 * @param name what the query is, for logs and error messages (e.g. {@code inventory-diff})
 * @param sql the statement, with {@code ?} placeholders and table names already substituted
 *     (see {@code dev.cutover.queries.sql.QueryTemplate}); the same text runs on Athena and DuckDB
 * @param parameters one value per {@code ?}, in the order the placeholders appear
 * @param idempotencyToken names this run of the query so a retried step finds the query it started
 *     instead of starting another: 32 to 128 characters (Athena's {@code ClientRequestToken}
 *     limits); see {@code dev.cutover.queries.sql.QueryTokens}
 */
public record Query(String name, String sql, List<SqlValue> parameters, String idempotencyToken) {

  public static final int MIN_TOKEN_LENGTH = 32;
  public static final int MAX_TOKEN_LENGTH = 128;

  public Query {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sql, "sql");
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(idempotencyToken, "idempotencyToken");
    if (idempotencyToken.length() < MIN_TOKEN_LENGTH || idempotencyToken.length() > MAX_TOKEN_LENGTH) {
      throw new IllegalArgumentException(
          "an idempotency token has " + MIN_TOKEN_LENGTH + " to " + MAX_TOKEN_LENGTH
              + " characters; got " + idempotencyToken.length());
    }
  }
}
