package dev.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.json.Json;
import dev.cutover.plan.PlanProblem;
import dev.cutover.queries.aws.AthenaTarget;
import dev.cutover.queries.duckdb.DuckDbQueries;
import dev.cutover.queries.port.Query;
import dev.cutover.queries.port.QueryEngine;
import dev.cutover.queries.sql.QueryTokens;
import dev.cutover.queries.support.InventoryTables.Version;
import dev.cutover.queries.support.InventoryTables;
import dev.cutover.testing.FakeContext;
import dev.cutover.testing.TestPlans;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inventory-diff entry point end to end on DuckDB: input validation, delivery selection, the
 * query tokens, and the result the gate reads. The SQL is the file Athena is sent.
 */
class VerifyInventoryHandlerTest {

  static final String DT = "2026-11-23-01-00";
  static final String OLDER_DT = "2026-11-16-01-00";

  private DuckDbQueries duck;
  private final List<AthenaTarget> targets = new ArrayList<>();

  @BeforeEach
  void open() throws SQLException {
    duck = DuckDbQueries.inMemory();
    InventoryTables.create(duck.connection(), "legacy_inventory");
    InventoryTables.create(duck.connection(), "platform_inventory");
  }

  @AfterEach
  void close() {
    duck.close();
  }

  @Test
  void mismatches_under_the_plans_prefix_are_returned_with_counts_and_examples_and_fail_the_gate() throws Exception {
    blue(DT,
        Version.live("static/app.js", 100, "e1"),
        Version.live("static/missing.css", 10, "e2"),
        Version.live("static/logo.svg", 50, "e3"),
        Version.live("static/video.mp4", 9_000_000, "e4-2").multipartUpload(),
        Version.live("other/outside-the-prefix.js", 1, "e5"));
    green(DT,
        Version.live("static/app.js", 101, "e1"),
        Version.live("static/logo.svg", 50, "e3").storageClass("STANDARD_IA"),
        Version.live("static/video.mp4", 9_000_000, "e4-2").multipartUpload());

    JsonNode result = handle(payload(null, null));

    assertThat(result.path("passed").asBoolean()).isFalse();
    assertThat(result.path("scope").asText()).isEqualTo("inventory");
    assertThat(result.path("migrationId").asText()).isEqualTo("assets-to-platform-account");
    assertThat(result.path("objectsCompared").asLong()).isEqualTo(4);
    assertThat(result.path("sourceObjects").asLong()).isEqualTo(4);
    assertThat(result.path("targetObjects").asLong()).isEqualTo(3);
    // The example plan compares storage-class, so logo.svg counts; video.mp4 is unverified, not a mismatch.
    assertThat(result.path("mismatchedObjects").asLong()).isEqualTo(3);
    assertThat(result.path("mismatchTolerance").asInt()).isZero();
    assertThat(Json.mapper().convertValue(result.path("counts"), java.util.Map.class))
        .containsExactly(
            java.util.Map.entry("missingOnTarget", 1),
            java.util.Map.entry("extraOnTarget", 0),
            java.util.Map.entry("sizeDiffers", 1),
            java.util.Map.entry("storageClassDiffers", 1),
            java.util.Map.entry("checksumDiffers", 0),
            java.util.Map.entry("contentUnverified", 1));
    assertThat(result.at("/examples/missingOnTarget/0/key").asText()).isEqualTo("static/missing.css");
    assertThat(result.at("/examples/sizeDiffers/0/key").asText()).isEqualTo("static/app.js");
    assertThat(result.at("/examples/sizeDiffers/0/fields/0").asText()).isEqualTo("size");
    assertThat(result.at("/examples/storageClassDiffers/0/fields/0").asText()).isEqualTo("storage-class");
    assertThat(result.at("/examples/contentUnverified/0/key").asText()).isEqualTo("static/video.mp4");
    assertThat(result.at("/inventory/blueDt").asText()).isEqualTo(DT);
    assertThat(result.at("/inventory/queryId").asText()).startsWith("duckdb-");
    assertThat(targets).containsExactly(new AthenaTarget("AwsDataCatalog", "cutover_inventories", "cutover", "s3://platform-cutover-athena/results/"));
  }

  @Test
  void the_newest_deliveries_are_read_when_none_is_named_and_every_query_has_its_own_token() throws Exception {
    // The older deliveries differ (blue still had removed.js, green had no app.js); the newest agree.
    blue(OLDER_DT, Version.live("static/app.js", 100, "e1"), Version.live("static/removed.js", 1, "e"));
    green(OLDER_DT, Version.live("static/other.js", 1, "e"));
    blue(DT, Version.live("static/app.js", 100, "e1"));
    green(DT, Version.live("static/app.js", 100, "e1"));

    JsonNode result = handle(payload(null, null));

    assertThat(result.path("passed").asBoolean()).isTrue();
    assertThat(result.path("mismatchedObjects").asLong()).isZero();
    assertThat(result.at("/inventory/greenDt").asText()).isEqualTo(DT);
    assertThat(duck.ran()).extracting(Query::name).containsExactly("inventory-latest-dt", "inventory-latest-dt", "inventory-diff");
    assertThat(duck.ran()).extracting(Query::idempotencyToken)
        .containsExactly(
            QueryTokens.of(TestPlans.EXECUTION_ID, "VerifyInventory", "inventory-latest-dt-blue"),
            QueryTokens.of(TestPlans.EXECUTION_ID, "VerifyInventory", "inventory-latest-dt-green"),
            QueryTokens.of(TestPlans.EXECUTION_ID, "VerifyInventory", "inventory-diff"));
  }

  @Test
  void named_deliveries_are_read_as_given_and_a_tolerance_lets_a_few_mismatches_pass() throws Exception {
    blue(OLDER_DT, Version.live("static/app.js", 100, "e1"), Version.live("static/old.js", 1, "e"));
    green(OLDER_DT, Version.live("static/app.js", 100, "e1"));
    blue(DT, Version.live("static/app.js", 100, "e1"));
    green(DT, Version.live("static/app.js", 100, "e1"));
    ObjectNode payload = payload(OLDER_DT, OLDER_DT);
    payload.put("stateName", "VerifyInventoryNightly");
    ((ObjectNode) payload.at("/plan/validation")).put("mismatchTolerance", 1);

    JsonNode result = handle(payload);

    assertThat(result.path("mismatchedObjects").asLong()).isEqualTo(1);
    assertThat(result.path("passed").asBoolean()).isTrue();
    assertThat(result.at("/examples/missingOnTarget/0/key").asText()).isEqualTo("static/old.js");
    assertThat(duck.ran()).extracting(Query::name).containsExactly("inventory-diff");
    assertThat(duck.ran().get(0).idempotencyToken()).isEqualTo(QueryTokens.of(TestPlans.EXECUTION_ID, "VerifyInventoryNightly", "inventory-diff"));
  }

  @Test
  void a_storage_class_difference_is_reported_but_passes_when_the_plan_does_not_compare_storage_class() throws Exception {
    blue(DT, Version.live("static/logo.svg", 50, "e3"));
    green(DT, Version.live("static/logo.svg", 50, "e3").storageClass("INTELLIGENT_TIERING"));
    ObjectNode payload = payload(DT, DT);
    ArrayNode fields = ((ObjectNode) payload.at("/plan/validation")).putArray("metadataFields");
    fields.add("Content-Type").add("Cache-Control");

    JsonNode result = handle(payload);

    assertThat(result.at("/counts/storageClassDiffers").asLong()).isEqualTo(1);
    assertThat(result.path("mismatchedObjects").asLong()).isZero();
    assertThat(result.path("passed").asBoolean()).isTrue();
  }

  @Test
  void every_input_problem_is_reported_at_once_with_its_field_before_any_query() {
    ObjectNode payload = payload(null, null);
    payload.remove("executionId");
    payload.put("stateName", "");
    ObjectNode inventory = (ObjectNode) payload.get("inventory");
    inventory.put("blueTable", "Legacy-Inventory");
    inventory.put("greenTable", "x\"; DROP TABLE y; --");
    inventory.remove("workGroup");
    inventory.put("format", "JSON");
    inventory.put("blueDt", "latest");
    inventory.put("database", "Cutover");
    inventory.put("outputLocation", "https://example.com/results");
    inventory.put("tabel", "typo");
    ((ObjectNode) payload.at("/plan/source")).put("bucket", "Not_A_Bucket!");

    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, () -> handle(payload));

    assertThat(e.problems())
        .extracting(PlanProblem::field)
        .containsExactlyInAnyOrder(
            "executionId", "stateName", "plan.source.bucket", "inventory.tabel", "inventory.database",
            "inventory.blueTable", "inventory.greenTable", "inventory.blueDt", "inventory.format",
            "inventory.workGroup", "inventory.outputLocation");
    assertThat(e.getMessage()).contains("nothing was changed").contains("lower-case letters").contains("PARQUET");
    assertThat(targets).as("no engine was asked for").isEmpty();
    assertThat(duck.ran()).isEmpty();
  }

  @Test
  void the_same_table_on_both_sides_is_refused() {
    ObjectNode payload = payload(null, null);
    ((ObjectNode) payload.get("inventory")).put("greenTable", "legacy_inventory");

    InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class, () -> handle(payload));

    assertThat(e.problems()).extracting(PlanProblem::field).containsExactly("inventory.greenTable");
  }

  @Test
  void an_inventory_table_without_a_delivery_stops_the_step_with_what_to_do() throws Exception {
    blue(DT, Version.live("static/app.js", 100, "e1"));

    PreconditionFailedException e = catchThrowableOfType(PreconditionFailedException.class, () -> handle(payload(null, null)));

    assertThat(e.getMessage()).contains("green inventory table cutover_inventories.platform_inventory has no delivery", "MSCK REPAIR TABLE", "inventory.greenDt");
    assertThat(duck.ran()).extracting(Query::name).doesNotContain("inventory-diff");
  }

  private JsonNode handle(ObjectNode payload) throws Exception {
    QueryEngine engine =
        (plan, target) -> {
          targets.add(target);
          return duck;
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new VerifyInventoryHandler(engine, 20)
        .handleRequest(new ByteArrayInputStream(payload.toString().getBytes(StandardCharsets.UTF_8)), out, new FakeContext("cutover-verify"));
    return Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
  }

  private static ObjectNode payload(String blueDt, String greenDt) {
    ObjectNode payload = TestPlans.payload(TestPlans.json("legacy-web-assets", "platform-web-assets", "platform-cutover-reports", "static/"));
    ObjectNode inventory = payload.putObject("inventory");
    inventory.put("database", "cutover_inventories");
    inventory.put("blueTable", "legacy_inventory");
    inventory.put("greenTable", "platform_inventory");
    inventory.put("workGroup", "cutover");
    inventory.put("outputLocation", "s3://platform-cutover-athena/results/");
    if (blueDt != null) {
      inventory.put("blueDt", blueDt);
    }
    if (greenDt != null) {
      inventory.put("greenDt", greenDt);
    }
    return payload;
  }

  private void blue(String dt, Version... versions) throws SQLException {
    InventoryTables.insert(duck.connection(), "legacy_inventory", "legacy-web-assets", dt, List.of(versions));
  }

  private void green(String dt, Version... versions) throws SQLException {
    InventoryTables.insert(duck.connection(), "platform_inventory", "platform-web-assets", dt, List.of(versions));
  }
}
