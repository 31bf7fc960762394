package dev.cutover.queries.port;

import dev.cutover.errors.InternalErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one SQL statement and hands back its result: Athena in AWS, DuckDB locally, the same SQL
 * text on both. What a step asks of the query engine, and all it asks.
 *
 * <p>A query is started under its {@linkplain Query#idempotencyToken() token}: an engine that
 * already ran (or is running) a query under that token returns that query's result instead of
 * starting another, so a step the workflow retries does not pay for the scan twice.
 *
 * <p>Failures are the error contract ({@code dev.cutover.errors}): a query the engine refused or
 * that failed on the data is a {@code PreconditionFailedException} carrying the engine's reason;
 * a cost limit that cancelled it says which limit and how to raise it; throttling and engine
 * errors the engine marks retryable are a {@code TransientException}.
 */
public interface Queries {

  /**
   * Runs {@code query} and gives its result to {@code pages}, one page at a time, in order.
   *
   * @return the engine's id of the query execution
   */
  String run(Query query, Consumer<ResultPage> pages);

  /**
   * Runs {@code query} as {@link #run} does, and also returns what the engine measured of it: a
   * step that reports the cost of its scan calls this. Engines that measure nothing keep this
   * default, which reports no {@code bytesScanned}.
   */
  default QueryRun execute(Query query, Consumer<ResultPage> pages) {
    return new QueryRun(run(query, pages), null);
  }

  /**
   * Runs {@code query} and returns its whole result, which must be small.
   *
   * @param maxRows the most rows the caller expects; more is a defect in the query, not data to
   *     truncate silently, and raises an {@link InternalErrorException}
   */
  default ResultRows rows(Query query, int maxRows) {
    List<Row> rows = new ArrayList<>();
    List<List<String>> columns = new ArrayList<>(List.of(List.of()));
    String queryId =
        run(
            query,
            page -> {
              columns.set(0, page.columns());
              if (rows.size() + page.rows().size() > maxRows) {
                throw new InternalErrorException(
                    "query " + query.name() + " (" + page.queryId() + ") returned more than the "
                        + maxRows + " rows it is written to return; its result was not read further.");
              }
              rows.addAll(page.rows());
            });
    return new ResultRows(queryId, columns.get(0), rows);
  }
}
