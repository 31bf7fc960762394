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
}
