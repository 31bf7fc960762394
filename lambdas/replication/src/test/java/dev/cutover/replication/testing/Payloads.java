package dev.cutover.replication.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** Task payloads built around the project's example plan, events/migrate.json. */
public final class Payloads {

  public static final String EXECUTION_ID =
      "arn:aws:states:us-east-1:111122223333:execution:cutover-migration:assets-run-1";

  /** The report bucket of events/migrate.json, where the step records the configuration it replaces. */
  public static final String REPORT_BUCKET = "platform-cutover-reports";

  /** The role S3 assumes to replicate, in the example plan's source account. */
  public static final String REPLICATION_ROLE = "arn:aws:iam::111122223333:role/cutover-replication";

  private static final AtomicInteger MIGRATIONS = new AtomicInteger();

  private Payloads() {}

  /** events/migrate.json with a migration id of its own, so records of other tests do not apply. */
  public static ObjectNode plan() {
    ObjectNode plan = (ObjectNode) resource("/events/migrate.json");
    plan.put("migrationId", "assets-" + MIGRATIONS.incrementAndGet());
    return plan;
  }

  public static byte[] payload(String action, JsonNode plan) {
    ObjectNode payload = Json.mapper().createObjectNode();
    payload.put("executionId", EXECUTION_ID);
    payload.put("action", action);
    payload.set("plan", plan);
    return Json.write(payload).getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] bytes(String resource) {
    try (InputStream in = Payloads.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode resource(String name) {
    try {
      return Json.mapper().readTree(bytes(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
