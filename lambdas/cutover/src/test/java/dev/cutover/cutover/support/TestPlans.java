package dev.cutover.cutover.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Task payloads built on the project's example execution inputs ({@code events/}). */
public final class TestPlans {

  public static final String EXECUTION_ID = "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:assets-run-1";

  private TestPlans() {}

  /** {@code events/migrate.json}. */
  public static ObjectNode migrate() {
    return load("/events/migrate.json");
  }

  /** {@code events/rollback.json}. */
  public static ObjectNode rollback() {
    return load("/events/rollback.json");
  }

  /** A task payload: {@code {"executionId", "action", "plan"}}. */
  public static ObjectNode payload(String action, JsonNode plan) {
    ObjectNode payload = Json.mapper().createObjectNode();
    payload.put("executionId", EXECUTION_ID);
    payload.put("action", action);
    payload.set("plan", plan);
    return payload;
  }

  private static ObjectNode load(String resource) {
    try (InputStream in = TestPlans.class.getResourceAsStream(resource)) {
      return (ObjectNode) Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
