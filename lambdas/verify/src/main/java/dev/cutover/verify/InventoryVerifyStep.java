package dev.cutover.verify;

import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.plan.Plan;
import dev.cutover.queries.inventory.DiffCategory;
import dev.cutover.queries.inventory.DiffExample;
import dev.cutover.queries.inventory.InventoryDiff;
import dev.cutover.queries.inventory.InventoryDiffResult;
import dev.cutover.queries.port.Queries;
import dev.cutover.queries.sql.QueryTokens;
import dev.cutover.queries.sql.TableName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proves green equals blue from two S3 Inventory tables with one SQL query ({@code
 * inventory-diff.sql}), where listing and HEADing every object would take too long: which keys
 * are missing or extra, which differ in size or storage class, which differ in content where an
 * ETag can prove it, and which the inventory cannot prove. Reads only: a query over inventories
 * changes no bucket.
 *
 * <p>Every query runs under a token derived from the execution id, the state name and the query,
 * so a retried step finds the query it started.
 */
final class InventoryVerifyStep {

  /** The plan's {@code validation.metadataFields} entry that makes a storage class difference a mismatch. */
  static final String STORAGE_CLASS_FIELD = "storage-class";

  private final int examplesPerCategory;

  InventoryVerifyStep(int examplesPerCategory) {
    this.examplesPerCategory = examplesPerCategory;
  }

  InventoryVerifyResult run(InventoryInput input, Queries queries) {
    Plan plan = input.plan();
    InventorySettings inventory = input.inventory();
    String blueDt = delivery(input, queries, inventory.blueTable(), inventory.blueDt(), "blue");
    String greenDt = delivery(input, queries, inventory.greenTable(), inventory.greenDt(), "green");
    InventoryDiff.Spec spec =
        new InventoryDiff.Spec(
            inventory.blueTable(),
            blueDt,
            inventory.greenTable(),
            greenDt,
            plan.source().prefixOrEmpty(),
            inventory.format().keysUrlEncoded(),
            plan.validation().metadataFields().contains(STORAGE_CLASS_FIELD),
            examplesPerCategory);
    InventoryDiffResult diff = InventoryDiff.run(queries, spec, token(input, "inventory-diff"));

    Map<String, Long> counts = new LinkedHashMap<>();
    Map<String, List<Example>> examples = new LinkedHashMap<>();
    for (DiffCategory category : DiffCategory.values()) {
      counts.put(category.jsonName(), diff.counts().get(category));
      examples.put(category.jsonName(), diff.examples().get(category).stream().map(e -> example(category, e)).toList());
    }
    int tolerance = plan.validation().mismatchTolerance();
    return new InventoryVerifyResult(
        diff.mismatchedObjects() <= tolerance,
        plan.migrationId(),
        "inventory",
        diff.objectsCompared(),
        diff.sourceObjects(),
        diff.targetObjects(),
        diff.mismatchedObjects(),
        tolerance,
        counts,
        examples,
        new InventoryVerifyResult.Compared(
            inventory.database(), inventory.blueTable().name(), blueDt, inventory.greenTable().name(), greenDt, diff.queryId()));
  }

  /** The delivery to read: the one given, else the newest the table has. */
  private static String delivery(InventoryInput input, Queries queries, TableName table, String given, String side) {
    if (given != null) {
      return given;
    }
    String newest = InventoryDiff.latestDt(queries, table, token(input, "inventory-latest-dt-" + side));
    if (newest == null) {
      throw new PreconditionFailedException(
          "The " + side + " inventory table " + input.inventory().database() + "." + table + " has no delivery (no dt"
              + " partition) yet. S3 delivers the first inventory report within 48 hours of configuring it; once it has,"
              + " load its partitions (MSCK REPAIR TABLE, or partition projection on dt) and start the step again,"
              + " or name the delivery in inventory." + side + "Dt.");
    }
    if (!InventoryDiff.DT.matcher(newest).matches()) {
      throw new PreconditionFailedException(
          "The newest dt partition of " + input.inventory().database() + "." + table + " is \"" + newest + "\", not an S3"
              + " Inventory delivery (YYYY-MM-DD-HH-MM): is inventory." + side + "Table an S3 Inventory table? Name the"
              + " delivery in inventory." + side + "Dt to read another.");
    }
    return newest;
  }

  private static String token(InventoryInput input, String query) {
    return QueryTokens.of(input.executionId(), input.stateName(), query);
  }

  /** An example as the verify results show one: the key (shortened if long) and the fields that differ. */
  private static Example example(DiffCategory category, DiffExample e) {
    List<String> fields =
        switch (category) {
          case MISSING_ON_TARGET, EXTRA_ON_TARGET -> List.of();
          case SIZE_DIFFERS -> List.of("size");
          case STORAGE_CLASS_DIFFERS -> List.of("storage-class");
          case CHECKSUM_DIFFERS, CONTENT_UNVERIFIED -> List.of("etag");
        };
    return Example.of(new Finding(e.key(), List.of(), fields, Map.of(), Map.of()));
  }
}
