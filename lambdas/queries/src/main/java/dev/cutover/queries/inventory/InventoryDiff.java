package dev.cutover.queries.inventory;

import dev.cutover.errors.InternalErrorException;
import dev.cutover.queries.port.Queries;
import dev.cutover.queries.port.Query;
import dev.cutover.queries.port.ResultRows;
import dev.cutover.queries.port.Row;
import dev.cutover.queries.port.SqlValue;
import dev.cutover.queries.sql.QueryTemplate;
import dev.cutover.queries.sql.TableName;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The inventory diff ({@code sql/inventory-diff.sql}) as a call: builds the query from typed
 * settings and reads its rows back into counts and examples. The verify step and the benchmark
 * use it; whatever engine runs it, the SQL text is the file's.
 */
public final class InventoryDiff {

  /** S3 Inventory's partition names: the delivery's start, {@code YYYY-MM-DD-HH-MM}. */
  public static final Pattern DT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}");

  /** The most examples a category may ask for: keeps the result bounded. */
  public static final int MAX_EXAMPLES_PER_CATEGORY = 100;

  private static final QueryTemplate DIFF = QueryTemplate.load(QueryTemplate.INVENTORY_DIFF);
  private static final QueryTemplate LATEST_DT = QueryTemplate.load(QueryTemplate.INVENTORY_LATEST_DT);
  private static final List<String> TOTALS = List.of("objectsCompared", "sourceObjects", "targetObjects", "mismatchedObjects");

  private InventoryDiff() {}

  /**
   * What to compare.
   *
   * @param blue the source bucket's inventory table
   * @param blueDt the delivery of it to read ({@link #DT})
   * @param green the target bucket's inventory table
   * @param greenDt the delivery of it to read
   * @param prefix only keys starting with this; empty for every key
   * @param keysUrlEncoded whether the tables hold keys URL-encoded (CSV inventories)
   * @param storageClassCounts whether a storage class difference is a mismatch
   * @param examplesPerCategory examples returned per category, 1 to {@link #MAX_EXAMPLES_PER_CATEGORY}
   */
  public record Spec(
      TableName blue,
      String blueDt,
      TableName green,
      String greenDt,
      String prefix,
      boolean keysUrlEncoded,
      boolean storageClassCounts,
      int examplesPerCategory) {

    public Spec {
      Objects.requireNonNull(blue, "blue");
      Objects.requireNonNull(green, "green");
      Objects.requireNonNull(prefix, "prefix");
      for (String dt : new String[] {blueDt, greenDt}) {
        if (dt == null || !DT.matcher(dt).matches()) {
          throw new IllegalArgumentException("an inventory delivery is named YYYY-MM-DD-HH-MM; got " + dt);
        }
      }
      if (examplesPerCategory < 1 || examplesPerCategory > MAX_EXAMPLES_PER_CATEGORY) {
        throw new IllegalArgumentException("1 to " + MAX_EXAMPLES_PER_CATEGORY + " examples per category");
      }
    }
  }

  /** The diff's query, to run under {@code idempotencyToken}. */
  public static Query query(Spec spec, String idempotencyToken) {
    Map<String, SqlValue> values = new HashMap<>();
    values.put("prefix", SqlValue.text(spec.prefix()));
    values.put("keys_url_encoded", SqlValue.bool(spec.keysUrlEncoded()));
    values.put("storage_class_counts", SqlValue.bool(spec.storageClassCounts()));
    values.put("examples_per_category", SqlValue.integer(spec.examplesPerCategory()));
    values.put("blue_dt", SqlValue.text(spec.blueDt()));
    values.put("green_dt", SqlValue.text(spec.greenDt()));
    return DIFF.query(Map.of("blue_inventory", spec.blue(), "green_inventory", spec.green()), values, idempotencyToken);
  }

  /** The query for the newest delivery in {@code table}. */
  public static Query latestDtQuery(TableName table, String idempotencyToken) {
    return LATEST_DT.query(Map.of("inventory", table), Map.of(), idempotencyToken);
  }

  /**
   * Runs {@link #latestDtQuery} and reads its answer.
   *
   * @return the newest dt, or {@code null} when the table has none
   */
  public static String latestDt(Queries queries, TableName table, String idempotencyToken) {
    ResultRows rows = queries.rows(latestDtQuery(table, idempotencyToken), 1);
    return rows.rows().isEmpty() ? null : rows.rows().get(0).get("dt");
  }

  /** Runs the diff and reads its result. */
  public static InventoryDiffResult run(Queries queries, Spec spec, String idempotencyToken) {
    int maxRows = DiffCategory.values().length * spec.examplesPerCategory() + TOTALS.size();
    return read(queries.rows(query(spec, idempotencyToken), maxRows));
  }

  /** Reads the diff's rows: examples with their category's count, then the four totals. */
  public static InventoryDiffResult read(ResultRows result) {
    Map<DiffCategory, Long> counts = new EnumMap<>(DiffCategory.class);
    Map<DiffCategory, List<DiffExample>> examples = new EnumMap<>(DiffCategory.class);
    for (DiffCategory c : DiffCategory.values()) {
      counts.put(c, 0L);
      examples.put(c, new ArrayList<>());
    }
    Map<String, Long> totals = new LinkedHashMap<>();
    for (Row row : result.rows()) {
      String category = row.get("category");
      Long objects = row.longValue("objects");
      if (TOTALS.contains(category)) {
        totals.put(category, objects);
        continue;
      }
      DiffCategory known =
          DiffCategory.of(category)
              .orElseThrow(() -> new InternalErrorException("inventory-diff returned an unknown category \"" + category + "\""));
      counts.put(known, objects);
      examples.get(known).add(
          new DiffExample(
              row.get("key"),
              row.longValue("blue_size"),
              row.longValue("green_size"),
              row.get("blue_storage_class"),
              row.get("green_storage_class"),
              row.get("blue_e_tag"),
              row.get("green_e_tag")));
    }
    if (!totals.keySet().containsAll(TOTALS)) {
      throw new InternalErrorException("inventory-diff returned totals " + totals.keySet() + ", not " + TOTALS);
    }
    Map<DiffCategory, List<DiffExample>> frozen = new EnumMap<>(DiffCategory.class);
    examples.forEach((c, list) -> frozen.put(c, List.copyOf(list)));
    return new InventoryDiffResult(
        result.queryId(),
        totals.get("objectsCompared"),
        totals.get("sourceObjects"),
        totals.get("targetObjects"),
        totals.get("mismatchedObjects"),
        counts,
        frozen);
  }
}
