package dev.cutover.approval.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Approval task payloads built on the project's example execution input ({@code events/migrate.json}). */
public final class Payloads {

  public static final String EXECUTION_ARN = Records.EXECUTION_ARN;
  /** Shaped like a real task token: long, base64-ish, and unique enough to search logs for. */
  public static final String TOKEN =
      "AQCkAAAAKgAAAAMAAAAAAAAAAZ0b2tlbi1mb3ItcnVuLTIwMjYtMTEtMjQtc2VjcmV0LXZhbHVlLXRoYXQtbXVzdC1uZXZlci1iZS1sb2dnZWQ0Mg==";
  public static final String ENTERED = "2026-11-24T09:59:58.456Z";

  private Payloads() {}

  /** The example plan (approvers: the release-manager role and Alice's Identity Center session). */
  public static ObjectNode plan() {
    try (InputStream in = Payloads.class.getResourceAsStream("/events/migrate.json")) {
      return (ObjectNode) Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request payload with the example plan and a READY report. */
  public static ObjectNode request(String token) {
    return request(plan(), token, 0);
  }

  public static ObjectNode request(JsonNode plan, String token, int retryCount) {
    ObjectNode payload = Json.mapper().createObjectNode();
    payload.put("executionId", EXECUTION_ARN);
    payload.put("taskToken", token);
    payload.put("executionStartTime", "2026-11-24T08:59:30.123Z");
    payload.put("stateEnteredTime", ENTERED);
    payload.put("retryCount", retryCount);
    payload.set("plan", plan);
    ObjectNode report = payload.putObject("report");
    report.put("verdict", "READY");
    report.putArray("reasons");
    report.put("json", "s3://platform-cutover-reports/cutover/assets-to-platform-account/report/run-2026-11-24/report.json");
    report.put("html", "s3://platform-cutover-reports/cutover/assets-to-platform-account/report/run-2026-11-24/report.html");
    ObjectNode summary = report.putObject("summary");
    summary.put("mode", "MIGRATE");
    summary.put("objectsCompared", 18_204);
    summary.put("mismatchedObjects", 0);
    summary.putNull("hotKeysCompared");
    summary.put("problems", 0);
    return payload;
  }

  public static InputStream stream(JsonNode payload) {
    return new ByteArrayInputStream(payload.toString().getBytes(StandardCharsets.UTF_8));
  }
}
