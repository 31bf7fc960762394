package dev.cutover.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.json.Json;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Plans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Plans and task payloads built on the project's example execution input ({@code
 * events/migrate.json}), so tests run on the plan users start from rather than one of their own.
 *
 * <p>The example is read as {@code /events/migrate.json} from the test classpath: a module using
 * this class copies {@code events/} into its test resources (its pom's {@code testResources}).
 */
public final class TestPlans {

  /** The execution every payload belongs to; its last segment is the run name. */
  public static final String EXECUTION_ID =
      "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:nightly-2026-11-24";

  /** The example's buckets, roles and green's KMS key. */
  public static final String BLUE = "legacy-web-assets";
  public static final String GREEN = "platform-web-assets";
  public static final String BLUE_ROLE = "arn:aws:iam::111122223333:role/cutover-source";
  public static final String GREEN_ROLE = "arn:aws:iam::444455556666:role/cutover-target";
  public static final String GREEN_KEY = "arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  private TestPlans() {}

  /** The example plan as JSON, a fresh copy (prefix {@code static/}, green's KMS key set). */
  public static ObjectNode json() {
    return event("migrate.json");
  }

  /** One of the example execution inputs under {@code events/}, e.g. {@code rollback.json}. */
  public static ObjectNode event(String name) {
    try (InputStream in = TestPlans.class.getResourceAsStream("/events/" + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "/events/" + name + " is not on the test classpath: copy events/ into the module's test resources (see verify's pom)");
      }
      return (ObjectNode) Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The example plan as JSON with the given buckets and prefix, and no KMS key (so objects are
   * written as the embedded S3 server accepts them).
   *
   * @param prefix the source prefix, or null for the whole bucket
   */
  public static ObjectNode json(String blue, String green, String reports, String prefix) {
    ObjectNode plan = json();
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

  /** A task payload for {@code plan}: the execution id and the plan, as the state machine passes them. */
  public static ObjectNode payload(JsonNode plan) {
    ObjectNode payload = Json.mapper().createObjectNode();
    payload.put("executionId", EXECUTION_ID);
    payload.set("plan", plan);
    return payload;
  }

  /** A task payload for a step that takes an {@code action}: the execution id, the action and the plan. */
  public static ObjectNode payload(String action, JsonNode plan) {
    ObjectNode payload = Json.mapper().createObjectNode();
    payload.put("executionId", EXECUTION_ID);
    payload.put("action", action);
    payload.set("plan", plan);
    return payload;
  }
}
