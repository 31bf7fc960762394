package dev.cutover.queries.port;

import java.util.List;

/**
 * A whole, bounded query result.
 *
 * @param queryId the engine's id of the query execution, to find it in the Athena console
 * @param columns the column names, in order
 * @param rows every row, in the order the engine returned them
 */
public record ResultRows(String queryId, List<String> columns, List<Row> rows) {

  public ResultRows {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }
}
