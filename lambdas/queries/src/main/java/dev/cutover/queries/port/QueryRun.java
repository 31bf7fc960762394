package dev.cutover.queries.port;

import java.util.Objects;

/**
 * What an engine says about a query it ran, besides the rows.
 *
 * @param queryId the engine's id of the query execution (Athena's {@code QueryExecutionId})
 * @param bytesScanned the data the query read, as the engine measures and bills it (Athena's
 *     {@code Statistics.DataScannedInBytes}); {@code null} when the engine does not measure it
 *     (DuckDB)
 */
public record QueryRun(String queryId, Long bytesScanned) {

  public QueryRun {
    Objects.requireNonNull(queryId, "queryId");
  }
}
