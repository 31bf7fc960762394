package dev.cutover.local.rehearsal;

import dev.cutover.plan.Plan;
import dev.cutover.queries.aws.AthenaTarget;
import dev.cutover.queries.duckdb.DuckDbQueries;
import dev.cutover.queries.port.Queries;
import dev.cutover.queries.port.QueryEngine;
import dev.cutover.queries.port.QueryRun;
import java.nio.file.Path;

/**
 * Athena for the rehearsal: DuckDB in memory with the CloudFront log table over the local edge's
 * log directory (the same columns and Hive partitions as the Glue table the CDK app creates), and
 * the same SQL text the step sends to Athena. The view reads the files when a query runs, so lines
 * written after it was made are seen. Queries run one at a time on one connection.
 */
public final class LocalAthena implements QueryEngine, AutoCloseable {

  private final DuckDbQueries duck = DuckDbQueries.inMemory();
  private final Path logs;
  private final String table;

  /**
   * @param logs the directory the edge writes standard logs under (Hive paths)
   * @param table the log table's name, what the workflow's {@code ${LogsTable}} is substituted with
   */
  public LocalAthena(Path logs, String table) {
    this.logs = logs;
    this.table = table;
  }

  @Override
  public synchronized Queries queries(Plan plan, AthenaTarget target) {
    duck.createCloudFrontLogView(table, logs);
    return new Queries() {
      @Override
      public String run(dev.cutover.queries.port.Query query, java.util.function.Consumer<dev.cutover.queries.port.ResultPage> pages) {
        synchronized (LocalAthena.this) {
          return duck.run(query, pages);
        }
      }

      @Override
      public QueryRun execute(dev.cutover.queries.port.Query query, java.util.function.Consumer<dev.cutover.queries.port.ResultPage> pages) {
        return new QueryRun(run(query, pages), null);
      }
    };
  }

  @Override
  public void close() {
    duck.close();
  }
}
