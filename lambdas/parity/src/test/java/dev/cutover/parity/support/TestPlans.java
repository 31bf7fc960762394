package dev.cutover.parity.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.json.Json;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Plans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Task payloads built on the project's example execution input ({@code events/migrate.json}). */
public final class TestPlans {

  public static final String EXECUTION_ID =
      "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:nightly-2026-11-24";

  private TestPlans() {}

  /** The example plan: blue legacy-web-assets under static/, green platform-web-assets, hostname assets.example.com. */
  public static ObjectNode plan() {
    try (InputStream in = TestPlans.class.getResourceAsStream("/events/migrate.json")) {
      return (ObjectNode) Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Plan parsed(JsonNode plan) {
    return Plans.parse(plan);
  }

  /** A parity task payload for {@code plan}. */
  public static ObjectNode payload(JsonNode plan) {
    ObjectNode payload = Json.mapper().createObjectNode();
    payload.put("executionId", EXECUTION_ID);
    payload.set("plan", plan);
    return payload;
  }
}
