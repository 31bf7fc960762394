package dev.cutover.verify.port;

import dev.cutover.plan.Plan;
import dev.cutover.queries.aws.AthenaTarget;
import dev.cutover.queries.port.Queries;

/**
 * The query engine the inventory diff runs on: Athena in green's account in AWS, DuckDB locally
 * and in tests.
 */
public interface QueryEngine {

  /**
   * Queries against {@code target} on behalf of {@code plan}'s migration. The inventories, the
   * workgroup and the result bucket are in green's account, beside the report bucket.
   */
  Queries queries(Plan plan, AthenaTarget target);
}
