package dev.cutover.logscan.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.testing.TestPlans;

/** Log scan task payloads built on the project's example execution input ({@code events/migrate.json}). */
public final class LogScanPayloads {

  public static final String EXECUTION_ID = TestPlans.EXECUTION_ID;

  /** Blue's distribution in the example plan. */
  public static final String BLUE_DISTRIBUTION = "E2QWRUHAPOMQZL";

  private LogScanPayloads() {}

  /** The example plan with the given report bucket, source prefix, window and list length. */
  public static ObjectNode plan(String reports, String prefix, int windowDays, int topN) {
    ObjectNode plan = TestPlans.json();
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
    ObjectNode payload = TestPlans.payload(plan);
    payload.put("stateName", "ScanLogs");
    ObjectNode logs = payload.putObject("logs");
    logs.put("database", "cutover_logs");
    logs.put("table", table);
    logs.put("workGroup", "cutover");
    logs.put("outputLocation", "s3://platform-cutover-athena/results/");
    return payload;
  }
}
