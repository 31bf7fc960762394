package dev.cutover.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How every step reads its task payload: all problems at once, each with its path. */
class TaskPayloadTest {

  private static final List<String> FIELDS = List.of("executionId", "plan", "keys");

  private static ObjectNode example() {
    try (InputStream in = TaskPayloadTest.class.getResourceAsStream("/events/migrate.json")) {
      ObjectNode payload = Json.mapper().createObjectNode();
      payload.put("executionId", "arn:aws:states:us-east-1:444455556666:execution:cutover:run-1");
      payload.set("plan", Json.mapper().readTree(in));
      return payload;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> problems(JsonNode node) {
    try {
      TaskPayload payload = TaskPayload.of(node, "verify", FIELDS);
      payload.executionId();
      payload.plan();
      payload.done();
      throw new AssertionError("accepted " + node);
    } catch (InvalidPlanException e) {
      return e.problems().stream().map(PlanProblem::field).toList();
    }
  }

  @Test
  void a_good_payload_gives_the_execution_and_the_parsed_plan() {
    TaskPayload payload = TaskPayload.of(example(), "verify", FIELDS);

    String executionId = payload.executionId();
    Plan plan = payload.plan();
    payload.done();

    assertThat(executionId).endsWith(":execution:cutover:run-1");
    assertThat(plan.migrationId()).isEqualTo("assets-to-platform-account");
  }

  @Test
  void an_unknown_field_a_missing_execution_and_a_bad_plan_field_are_reported_together() {
    ObjectNode payload = example();
    payload.remove("executionId");
    payload.put("keyz", "static/app.js");
    ((ObjectNode) payload.get("plan").get("source")).put("accountId", "1111");

    assertThat(problems(payload)).containsExactlyInAnyOrder("keyz", "executionId", "plan.source.accountId");
  }

  @Test
  void a_plan_that_is_not_an_object_and_a_payload_that_is_not_one_say_so() {
    ObjectNode payload = example();
    payload.put("plan", "events/migrate.json");
    assertThat(problems(payload)).containsExactly("plan");

    assertThatThrownBy(() -> TaskPayload.of(Json.mapper().getNodeFactory().arrayNode(), "verify", FIELDS))
        .isInstanceOf(InvalidPlanException.class)
        .hasMessageContaining("the verify task input must be a JSON object with executionId, plan, keys");
  }

  @Test
  void bytes_that_are_not_json_read_as_null_for_the_step_to_refuse() throws IOException {
    assertThat(TaskPayload.read(new ByteArrayInputStream("{\"a\":".getBytes(StandardCharsets.UTF_8)))).isNull();
    assertThat(TaskPayload.read(new ByteArrayInputStream(new byte[0]))).isNull();
    assertThat(TaskPayload.read(new ByteArrayInputStream("{\"a\":1}".getBytes(StandardCharsets.UTF_8))).path("a").asInt()).isEqualTo(1);
  }

  @Test
  void a_run_is_named_after_the_execution_so_a_retried_task_overwrites_its_own_report() {
    assertThat(TaskPayload.runName("arn:aws:states:us-east-1:444455556666:execution:cutover:nightly-2026-11-24")).isEqualTo("nightly-2026-11-24");
    assertThat(TaskPayload.runName("arn:aws:states:us-east-1:1:execution:sm:run 1/é")).isEqualTo("run-1--");
    assertThat(TaskPayload.runName("arn:aws:states:us-east-1:444455556666:execution:cutover:..")).isEqualTo("run");
    assertThat(TaskPayload.runName("local execution/é")).isEqualTo("local-execution--");
  }

  @Test
  void source_keys_are_checked_one_by_one_against_the_prefix_length_and_repeats() {
    ObjectNode node = example();
    node.putArray("keys").add("static/app.js").add("private/x.js").add("static/app.js").add("").add("static/" + "a".repeat(1020));
    TaskPayload payload = TaskPayload.of(node, "verify", FIELDS);

    List<String> keys = payload.sourceKeys("keys", "static/", 10, "must be an array of keys.");

    assertThat(keys).containsExactly("static/app.js");
    assertThat(payload.problems()).extracting(p -> p.field() + ": " + p.message()).containsExactly(
        "keys[1]: \"private/x.js\" is not under the source prefix \"static/\"; give full source keys.",
        "keys[2]: \"static/app.js\" is listed twice; list each key once.",
        "keys[3]: must be a non-empty string: an object key in the source bucket.",
        "keys[4]: is longer than 1024 bytes, the longest key S3 allows.");
    ObjectNode tooMany = example();
    tooMany.putArray("keys").add("static/a").add("static/b");
    TaskPayload capped = TaskPayload.of(tooMany, "verify", FIELDS);
    assertThat(capped.sourceKeys("keys", "static/", 1, "must be an array of 1 to 1 keys.")).isNull();
    assertThat(capped.problems()).extracting(PlanProblem::message).containsExactly("must be an array of 1 to 1 keys.");
  }
}
