package dev.cutover.report.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Report task payloads built from the project's example execution input ({@code
 * events/migrate.json}) and section fixtures shaped like the steps' Jackson output ({@code
 * sections/*.json}).
 */
public final class Fixtures {

  public static final String EXECUTION_ID =
      "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:nightly-2026-11-24";

  /** The example plan's report bucket and the folder this execution's report goes to. */
  public static final String REPORT_BUCKET = "platform-cutover-reports";
  public static final String FOLDER = "cutover/assets-to-platform-account/report/nightly-2026-11-24/";

  /** The hostile object key several fixtures carry. */
  public static final String IMG_KEY = "static/<img src=x onerror=alert(1)>.js";

  private Fixtures() {}

  /** The example plan (MIGRATE). */
  public static ObjectNode plan() {
    return (ObjectNode) load("/events/migrate.json");
  }

  /** The example plan in {@code mode}. */
  public static ObjectNode plan(String mode) {
    ObjectNode plan = plan();
    plan.put("mode", mode);
    return plan;
  }

  /** A section fixture, e.g. {@code verify-passed}. */
  public static JsonNode section(String name) {
    return load("/sections/" + name + ".json");
  }

  /** A payload with the plan and no sections. */
  public static ObjectNode payload(JsonNode plan) {
    ObjectNode payload = Json.mapper().createObjectNode();
    payload.put("executionId", EXECUTION_ID);
    payload.set("plan", plan);
    return payload;
  }

  /** A MIGRATE payload where every step passed. */
  public static ObjectNode allPassed() {
    ObjectNode payload = payload(plan());
    payload.set("preflight", section("preflight-passed"));
    payload.set("backfill", section("backfill-succeeded"));
    payload.set("verify", section("verify-passed"));
    payload.set("verifyKeys", section("verify-keys-passed"));
    payload.set("parity", section("parity"));
    // As the workflow sends it: the scan's result with passed added (the keys are proven by verifyKeys).
    payload.set("logscan", section("logscan"));
    return payload;
  }

  /** A MIGRATE payload where most things went wrong, with hostile keys in every section. */
  public static ObjectNode mostFailed() {
    ObjectNode payload = payload(plan());
    payload.set("preflight", section("preflight-blocked"));
    payload.set("backfill", section("backfill-failed"));
    payload.set("verify", section("verify-mismatches"));
    payload.set("parity", section("parity"));
    payload.set("logscan", section("error-output"));
    return payload;
  }

  private static JsonNode load(String resource) {
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
