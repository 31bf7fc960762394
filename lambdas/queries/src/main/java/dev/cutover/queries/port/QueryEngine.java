package dev.cutover.queries.port;

import dev.cutover.plan.Plan;
import dev.cutover.queries.aws.AthenaTarget;

/**
 * The query engine the inventory diff and the log scan run on: Athena in green's account in AWS,
 * DuckDB locally and in tests.
 */
public interface QueryEngine {

  /**
   * Queries against {@code target} on behalf of {@code plan}'s migration. The tables (inventories,
   * CloudFront logs), the workgroup and the result bucket are in green's account, beside the report
   * bucket; a log bucket elsewhere must let green's role read it.
   */
  Queries queries(Plan plan, AthenaTarget target);
}
