package dev.cutover.preflight.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.json.Json;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Plans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** Plans and task payloads built on the project's example execution input ({@code events/migrate.json}). */
public final class TestPlans {

  public static final String EXECUTION_ID =
      "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:assets-run-1";

  /** The example's buckets, roles and accounts. */
  public static final String BLUE = "legacy-web-assets";
  public static final String GREEN = "platform-web-assets";
  public static final String BLUE_ROLE = "arn:aws:iam::111122223333:role/cutover-source";
  public static final String GREEN_ROLE = "arn:aws:iam::444455556666:role/cutover-target";
  public static final String GREEN_KEY = "arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  private TestPlans() {}

  /** The example plan as JSON (prefix {@code static/}, green's KMS key set). */
  public static ObjectNode json() {
    try (InputStream in = TestPlans.class.getResourceAsStream("/events/migrate.json")) {
      return (ObjectNode) Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The example plan, parsed. */
  public static Plan plan() {
    return plan(p -> {});
  }

  /** The example plan after {@code edit}, parsed. */
  public static Plan plan(Consumer<ObjectNode> edit) {
    ObjectNode json = json();
    edit.accept(json);
    return Plans.parse(json);
  }

  /** A preflight task payload for {@code plan}. */
  public static ObjectNode payload(JsonNode plan) {
    ObjectNode payload = Json.mapper().createObjectNode();
    payload.put("executionId", EXECUTION_ID);
    payload.set("plan", plan);
    return payload;
  }
}
