package dev.cutover.verify;

import java.util.List;
import java.util.Map;

/**
 * What the inventory diff returns to the workflow: the fields of {@link VerifyResult}, so the gate's
 * Choice and the report read both the same way, with {@code scope} {@code inventory} and, instead
 * of a findings report, which inventory deliveries were compared and the query that did it.
 *
 * @param passed whether {@code mismatchedObjects <= mismatchTolerance}
 * @param migrationId the plan's migration id
 * @param scope always {@code inventory}
 * @param objectsCompared keys in either inventory (latest versions under the prefix, no delete
 *     markers)
 * @param sourceObjects of those, in blue's inventory
 * @param targetObjects of those, in green's inventory
 * @param mismatchedObjects keys in at least one mismatch category, each counted once
 * @param mismatchTolerance the plan's {@code validation.mismatchTolerance}
 * @param counts keys per category: {@code missingOnTarget}, {@code extraOnTarget}, {@code
 *     sizeDiffers}, {@code storageClassDiffers} (a mismatch when the plan compares {@code
 *     storage-class}), {@code checksumDiffers}, {@code contentUnverified} (never a mismatch)
 * @param examples the first keys of each category in UTF-8 order, with the differing fields
 * @param inventory the deliveries compared and the query's id
 */
record InventoryVerifyResult(
    boolean passed,
    String migrationId,
    String scope,
    long objectsCompared,
    long sourceObjects,
    long targetObjects,
    long mismatchedObjects,
    int mismatchTolerance,
    Map<String, Long> counts,
    Map<String, List<Example>> examples,
    Compared inventory) {

  /**
   * Which inventory deliveries the diff read.
   *
   * @param queryId the engine's id of the diff query (Athena's QueryExecutionId)
   */
  record Compared(String database, String blueTable, String blueDt, String greenTable, String greenDt, String queryId) {}
}
