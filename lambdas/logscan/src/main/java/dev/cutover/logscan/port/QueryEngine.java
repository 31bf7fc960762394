package dev.cutover.logscan.port;

import dev.cutover.plan.Plan;
import dev.cutover.queries.aws.AthenaTarget;
import dev.cutover.queries.port.Queries;

/**
 * The query engine the log scan runs on: Athena in green's account in AWS, DuckDB locally and in
 * tests.
 */
public interface QueryEngine {

  /**
   * Queries against {@code target} on behalf of {@code plan}'s migration. The log table, the
   * workgroup and the result bucket are in green's account, beside the report bucket; the log
   * bucket, wherever it is, must let green's role read it.
   */
  Queries queries(Plan plan, AthenaTarget target);
}
