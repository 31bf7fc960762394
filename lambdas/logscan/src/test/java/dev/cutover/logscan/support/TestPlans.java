package dev.cutover.logscan.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Task payloads built on the project's example execution input ({@code events/migrate.json}). */
public final class TestPlans {

  public static final String EXECUTION_ID =
      "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:nightly-2026-11-24";

  /** Blue's distribution in the example plan. */
  public static final String BLUE_DISTRIBUTION = "E2QWRUHAPOMQZL";

  private TestPlans() {}

  /** The example plan with the given report bucket, source prefix, window and list length. */
  public static ObjectNode plan(String reports, String prefix, int windowDays, int topN) {
    ObjectNode plan = (ObjectNode) example();
    ObjectNode source = (ObjectNode) plan.get("source");
    if (prefix == null) {
      source.remove("prefix");
    } else {
      source.put("prefix", prefix);
    }
    ((ObjectNode) plan.get("target")).remove("kmsKeyArn");
    ((ObjectNode) plan.get("batch")).put("reportBucket", reports);
    ObjectNode validation = (ObjectNode) plan.get("validation");
    validation.put("logScanWindowDays", windowDays);
    validation.put("logScanTopN", topN);
    return plan;
  }

  /** A log scan task payload for {@code plan}, over the table {@code table} in workgroup cutover. */
  public static ObjectNode payload(JsonNode plan, String table) {
    ObjectNode payload = Json.mapper().createObjectNode();
    payload.put("executionId", EXECUTION_ID);
    payload.put("stateName", "ScanLogs");
    payload.set("plan", plan);
    ObjectNode logs = payload.putObject("logs");
    logs.put("database", "cutover_logs");
    logs.put("table", table);
    logs.put("workGroup", "cutover");
    logs.put("outputLocation", "s3://platform-cutover-athena/results/");
    return payload;
  }

  private static JsonNode example() {
    try (InputStream in = TestPlans.class.getResourceAsStream("/events/migrate.json")) {
      return Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
