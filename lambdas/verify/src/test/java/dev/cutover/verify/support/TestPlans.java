package dev.cutover.verify.support;

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

  private TestPlans() {}

  /** The example plan with the given buckets and prefix, and no KMS key. */
  public static ObjectNode plan(String blue, String green, String reports, String prefix) {
    ObjectNode plan = (ObjectNode) example();
    ObjectNode source = (ObjectNode) plan.get("source");
    source.put("bucket", blue);
    if (prefix == null) {
      source.remove("prefix");
    } else {
      source.put("prefix", prefix);
    }
    ObjectNode target = (ObjectNode) plan.get("target");
    target.put("bucket", green);
    target.remove("kmsKeyArn");
    ((ObjectNode) plan.get("batch")).put("reportBucket", reports);
    return plan;
  }

  /** A verify task payload for {@code plan}. */
  public static ObjectNode payload(JsonNode plan) {
    ObjectNode payload = Json.mapper().createObjectNode();
    payload.put("executionId", EXECUTION_ID);
    payload.set("plan", plan);
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
