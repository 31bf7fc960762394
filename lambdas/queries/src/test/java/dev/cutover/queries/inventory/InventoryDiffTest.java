package dev.cutover.queries.inventory;

import static dev.cutover.queries.inventory.DiffCategory.CHECKSUM_DIFFERS;
import static dev.cutover.queries.inventory.DiffCategory.CONTENT_UNVERIFIED;
import static dev.cutover.queries.inventory.DiffCategory.EXTRA_ON_TARGET;
import static dev.cutover.queries.inventory.DiffCategory.MISSING_ON_TARGET;
import static dev.cutover.queries.inventory.DiffCategory.SIZE_DIFFERS;
import static dev.cutover.queries.inventory.DiffCategory.STORAGE_CLASS_DIFFERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.queries.duckdb.DuckDbQueries;
import dev.cutover.queries.port.Query;
import dev.cutover.queries.sql.QueryTemplate;
import dev.cutover.queries.sql.TableName;
import dev.cutover.queries.support.InventoryTables.Version;
import dev.cutover.queries.support.InventoryTables;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code inventory-diff.sql} on DuckDB, over inventories shaped as Athena's S3 Inventory tables:
 * every category, delete markers, older versions and deliveries, prefix boundaries, and keys that
 * only byte-exact comparison tells apart.
 */
class InventoryDiffTest {

  static final String DT = "2026-11-23-01-00";
  static final String OLDER_DT = "2026-11-22-01-00";
  static final TableName BLUE = TableName.of("blue_inventory");
  static final TableName GREEN = TableName.of("green_inventory");
  static final String TOKEN = "0123456789abcdef0123456789abcdef";

  private DuckDbQueries duck;

  @BeforeEach
  void open() throws SQLException {
    duck = DuckDbQueries.inMemory();
    InventoryTables.create(duck.connection(), BLUE.name());
    InventoryTables.create(duck.connection(), GREEN.name());
  }

  @AfterEach
  void close() {
    duck.close();
  }

  @Test
  void every_category_is_found_among_latest_versions_under_the_prefix() throws SQLException {
    blue(
        Version.live("static/app.js", 120, "e-app").older().storageClass("GLACIER"),
        Version.live("static/app.js", 100, "e-app"),
        Version.live("static/missing.css", 10, "e-missing"),
        Version.live("static/size.png", 100, "e-size"),
        Version.live("static/class.svg", 50, "e-class"),
        Version.live("static/bytes.bin", 64, "e-blue-bytes"),
        Version.live("static/big.mp4", 9_000_000, "e-big-1").multipartUpload(),
        Version.live("static/kms.js", 33, "e-kms"),
        Version.live("static/", 0, "e-folder"),
        // Deleted on both: the delete marker is the latest version, so the key is not compared.
        Version.live("static/deleted.js", 5, "e-del").older(),
        Version.deleteMarker("static/deleted.js"),
        Version.live("static/gone-on-green.js", 7, "e-gone"),
        // Outside the prefix: not compared, even though green lacks them.
        Version.live("static", 1, "e-no-slash"),
        Version.live("staticx/a.js", 1, "e-x"),
        Version.live("Static/c.js", 1, "e-case"));
    green(
        Version.live("static/app.js", 100, "e-app"),
        Version.live("static/extra.txt", 3, "e-extra"),
        Version.live("static/size.png", 101, "e-size"),
        Version.live("static/class.svg", 50, "e-class").storageClass("STANDARD_IA"),
        Version.live("static/bytes.bin", 64, "e-green-bytes"),
        Version.live("static/big.mp4", 9_000_000, "e-big-2").multipartUpload(),
        Version.live("static/kms.js", 33, "e-kms-green").encryption("SSE-KMS"),
        Version.live("static/", 0, "e-folder"),
        Version.deleteMarker("static/deleted.js"),
        Version.live("static/gone-on-green.js", 7, "e-gone").older(),
        Version.deleteMarker("static/gone-on-green.js"),
        Version.live("static2/b.js", 1, "e-2"));
    // An older delivery of blue with a key the newest delivery no longer has.
    InventoryTables.insert(duck.connection(), BLUE.name(), "legacy-web-assets", OLDER_DT, List.of(Version.live("static/only-in-old-delivery.js", 1, "e-old")));

    InventoryDiffResult result = diff("static/", false, false, 20);

    assertThat(result.counts())
        .containsExactly(
            Map.entry(MISSING_ON_TARGET, 2L),
            Map.entry(EXTRA_ON_TARGET, 1L),
            Map.entry(SIZE_DIFFERS, 1L),
            Map.entry(STORAGE_CLASS_DIFFERS, 1L),
            Map.entry(CHECKSUM_DIFFERS, 1L),
            Map.entry(CONTENT_UNVERIFIED, 2L));
    assertThat(keys(result, MISSING_ON_TARGET)).containsExactly("static/gone-on-green.js", "static/missing.css");
    assertThat(keys(result, EXTRA_ON_TARGET)).containsExactly("static/extra.txt");
    assertThat(keys(result, SIZE_DIFFERS)).containsExactly("static/size.png");
    assertThat(keys(result, STORAGE_CLASS_DIFFERS)).containsExactly("static/class.svg");
    assertThat(keys(result, CHECKSUM_DIFFERS)).containsExactly("static/bytes.bin");
    assertThat(keys(result, CONTENT_UNVERIFIED)).containsExactly("static/big.mp4", "static/kms.js");
    // app, missing, size, class, bytes, big, kms, folder marker, gone-on-green on blue; extra on green.
    assertThat(result.objectsCompared()).isEqualTo(10);
    assertThat(result.sourceObjects()).isEqualTo(9);
    assertThat(result.targetObjects()).isEqualTo(8);
    // Storage class is reported but not counted here; content unverified is never a mismatch.
    assertThat(result.mismatchedObjects()).isEqualTo(5);

    DiffExample size = result.examples().get(SIZE_DIFFERS).get(0);
    assertThat(size).isEqualTo(new DiffExample("static/size.png", 100L, 101L, "STANDARD", "STANDARD", "e-size", "e-size"));
    DiffExample missing = result.examples().get(MISSING_ON_TARGET).get(1);
    assertThat(missing).isEqualTo(new DiffExample("static/missing.css", 10L, null, "STANDARD", null, "e-missing", null));
  }

  @Test
  void a_storage_class_difference_is_a_mismatch_when_the_plan_compares_storage_class() throws SQLException {
    blue(Version.live("a.svg", 50, "e"), Version.live("b.svg", 50, "e"));
    green(Version.live("a.svg", 50, "e").storageClass("STANDARD_IA"), Version.live("b.svg", 50, "e"));

    assertThat(diff("", false, false, 5).mismatchedObjects()).isZero();
    InventoryDiffResult counted = diff("", false, true, 5);
    assertThat(counted.mismatchedObjects()).isEqualTo(1);
    assertThat(keys(counted, STORAGE_CLASS_DIFFERS)).containsExactly("a.svg");
  }

  @Test
  void an_object_in_two_categories_is_one_mismatched_object() throws SQLException {
    blue(Version.live("logo.png", 10, "e1"));
    green(Version.live("logo.png", 10, "e2").storageClass("GLACIER_IR"));

    InventoryDiffResult result = diff("", false, true, 5);

    assertThat(keys(result, CHECKSUM_DIFFERS)).containsExactly("logo.png");
    assertThat(keys(result, STORAGE_CLASS_DIFFERS)).containsExactly("logo.png");
    assertThat(result.mismatchedObjects()).isEqualTo(1);
  }

  @Test
  void keys_are_compared_byte_for_byte_and_examples_come_in_utf8_order() throws SQLException {
    // Unicode, space, '+' and '%' keys; "a b" and "a+b" are different keys in a Parquet inventory.
    blue(
        Version.live("static/ünïcødé 空白.js", 1, "e"),
        Version.live("static/100%.txt", 1, "e"),
        Version.live("static/a b.js", 1, "e"),
        Version.live("static/z", 1, "e"),
        Version.live("static/é", 1, "e"),
        Version.live("static/\uD83D\uDE00", 1, "e"),
        Version.live("static/\uFF5A", 1, "e"));
    green(
        Version.live("static/ünïcødé 空白.js", 1, "e"),
        Version.live("static/100%.txt", 1, "e"),
        Version.live("static/a+b.js", 1, "e"));

    InventoryDiffResult result = diff("static/", false, false, 10);

    assertThat(keys(result, EXTRA_ON_TARGET)).containsExactly("static/a+b.js");
    // UTF-8 byte order: z (7A) < é (C3 A9) < ｚ (EF BD 9A) < 😀 (F0 9F 98 80); UTF-16 would put 😀 before ｚ.
    assertThat(keys(result, MISSING_ON_TARGET))
        .containsExactly("static/a b.js", "static/z", "static/é", "static/\uFF5A", "static/\uD83D\uDE00");
    assertThat(result.mismatchedObjects()).isEqualTo(6);
    assertThat(result.objectsCompared()).isEqualTo(8);
  }

  @Test
  void csv_inventories_have_their_url_encoded_keys_decoded_before_comparison() throws SQLException {
    // The same keys encoded two ways (form encoding: a space is '+'); '%25' is a literal '%'.
    blue(
        Version.live("static/a+b.js", 1, "e"),
        Version.live("static%2F%C3%BC.js", 1, "e"),
        Version.live("static/100%25.txt", 1, "e"),
        Version.live("static/c%2Bd.js", 1, "e"));
    green(
        Version.live("static/a%20b.js", 1, "e"),
        Version.live("static/%C3%BC.js", 1, "e"));

    InventoryDiffResult result = diff("static/", true, false, 10);

    assertThat(keys(result, MISSING_ON_TARGET)).containsExactly("static/100%.txt", "static/c+d.js");
    assertThat(result.objectsCompared()).isEqualTo(4);
    assertThat(result.counts().get(EXTRA_ON_TARGET)).isZero();
  }

  @Test
  void examples_are_bounded_and_the_count_is_not() throws SQLException {
    List<Version> many = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      many.add(Version.live(String.format("static/k%02d.js", 29 - i), 1, "e"));
    }
    blue(many.toArray(Version[]::new));

    InventoryDiffResult result = diff("static/", false, false, 5);

    assertThat(result.counts().get(MISSING_ON_TARGET)).isEqualTo(30);
    assertThat(keys(result, MISSING_ON_TARGET))
        .containsExactly("static/k00.js", "static/k01.js", "static/k02.js", "static/k03.js", "static/k04.js");
    assertThat(result.mismatchedObjects()).isEqualTo(30);
  }

  @Test
  void empty_inventories_compare_nothing_and_find_nothing() {
    InventoryDiffResult result = diff("", false, false, 5);

    assertThat(result.objectsCompared()).isZero();
    assertThat(result.counts().values()).containsOnly(0L);
    assertThat(result.examples().values()).allMatch(List::isEmpty);
  }

  @Test
  void the_latest_delivery_is_the_largest_dt() throws SQLException {
    assertThat(InventoryDiff.latestDt(duck, BLUE, TOKEN)).isNull();
    InventoryTables.insert(duck.connection(), BLUE.name(), "b", OLDER_DT, List.of(Version.live("a", 1, "e")));
    InventoryTables.insert(duck.connection(), BLUE.name(), "b", DT, List.of(Version.live("a", 1, "e")));

    assertThat(InventoryDiff.latestDt(duck, BLUE, TOKEN)).isEqualTo(DT);
  }

  @Test
  void the_text_duckdb_runs_is_the_sql_file_with_only_the_table_names_filled_in() {
    diff("", false, false, 5);

    Query ran = duck.ran().get(0);
    String file = QueryTemplate.load(QueryTemplate.INVENTORY_DIFF).text();
    assertThat(ran.sql())
        .isEqualTo(file.replace("{{blue_inventory}}", "\"blue_inventory\"").replace("{{green_inventory}}", "\"green_inventory\""));
  }

  @Test
  void a_delivery_name_that_is_not_a_dt_is_refused_before_any_query() {
    assertThatThrownBy(() -> new InventoryDiff.Spec(BLUE, "2026-11-23' OR '1'='1", GREEN, DT, "", false, false, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("YYYY-MM-DD-HH-MM");
    assertThat(duck.ran()).isEmpty();
  }

  private void blue(Version... versions) throws SQLException {
    InventoryTables.insert(duck.connection(), BLUE.name(), "legacy-web-assets", DT, List.of(versions));
  }

  private void green(Version... versions) throws SQLException {
    InventoryTables.insert(duck.connection(), GREEN.name(), "platform-web-assets", DT, List.of(versions));
  }

  private InventoryDiffResult diff(String prefix, boolean urlEncoded, boolean storageClassCounts, int examples) {
    return InventoryDiff.run(duck, new InventoryDiff.Spec(BLUE, DT, GREEN, DT, prefix, urlEncoded, storageClassCounts, examples), TOKEN);
  }

  private static List<String> keys(InventoryDiffResult result, DiffCategory category) {
    return result.examples().get(category).stream().map(DiffExample::key).toList();
  }
}
