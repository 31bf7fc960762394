package dev.cutover.queries.port;

import java.util.List;

/**
 * A page of a query's result, as the engine hands it over. Values are strings as Athena returns
 * them ({@code VarCharValue}); SQL NULL is {@code null}. A page never contains Athena's header row.
 *
 * @param queryId the engine's id of the query execution (Athena's {@code QueryExecutionId})
 * @param columns the result's column names, in order
 * @param rows this page's rows, each as long as {@code columns}
 */
public record ResultPage(String queryId, List<String> columns, List<Row> rows) {

  public ResultPage {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }
}
