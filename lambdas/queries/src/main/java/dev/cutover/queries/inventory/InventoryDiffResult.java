package dev.cutover.queries.inventory;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code inventory-diff.sql} found.
 *
 * @param queryId the engine's id of the query (Athena's QueryExecutionId)
 * @param objectsCompared keys on blue, green or both (latest versions under the prefix, not delete
 *     markers)
 * @param sourceObjects of those, on blue
 * @param targetObjects of those, on green
 * @param mismatchedObjects keys in at least one mismatch category, each counted once
 * @param counts keys per category, every category present, in {@link DiffCategory} order
 * @param examples the first keys of each category in UTF-8 byte order, every category present
 */
public record InventoryDiffResult(
    String queryId,
    long objectsCompared,
    long sourceObjects,
    long targetObjects,
    long mismatchedObjects,
    Map<DiffCategory, Long> counts,
    Map<DiffCategory, List<DiffExample>> examples) {

  public InventoryDiffResult {
    counts = Collections.unmodifiableMap(new EnumMap<>(counts));
    examples = Collections.unmodifiableMap(new EnumMap<>(examples));
  }
}
