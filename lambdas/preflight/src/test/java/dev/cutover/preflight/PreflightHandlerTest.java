package dev.cutover.preflight;

import static dev.cutover.testing.TestPlans.BLUE;
import static dev.cutover.testing.TestPlans.BLUE_ROLE;
import static dev.cutover.testing.TestPlans.GREEN;
import static dev.cutover.testing.TestPlans.GREEN_ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.json.Json;
import dev.cutover.plan.PlanProblem;
import dev.cutover.preflight.port.BucketFacts;
import dev.cutover.preflight.port.BucketRef;
import dev.cutover.preflight.port.Facts;
import dev.cutover.preflight.port.KeyFacts;
import dev.cutover.preflight.port.ObjectProbe;
import dev.cutover.preflight.port.Versioning;
import dev.cutover.testing.FakeContext;
import dev.cutover.testing.TestPlans;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Lambda entry: which buckets it opens as whom, what it returns, and what input it refuses. */
class PreflightHandlerTest {

  @Test
  void each_side_is_read_as_its_own_role_in_its_region_for_its_account_and_the_result_has_the_contract_shape() throws IOException {
    MemoryFacts facts = new MemoryFacts();
    MemoryBucket blue = facts.add(BLUE, "us-east-1").put("static/app.js", 10);
    facts.add(GREEN, "us-east-1").versioning = Versioning.SUSPENDED;
    blue.put("static/cold.png", 5, "GLACIER", new ObjectProbe(ObjectProbe.Access.READABLE, "AES256", null, null));

    JsonNode result = invoke(new PreflightHandler(facts, () -> PreflightSettings.DEFAULT), TestPlans.payload(TestPlans.json()));

    String session = "assets-to-platform-account";
    assertThat(facts.opened)
        .containsExactly(
            new BucketRef(BLUE, "us-east-1", BLUE_ROLE, session, "111122223333"),
            new BucketRef(GREEN, "us-east-1", GREEN_ROLE, session, "444455556666"));
    assertThat(result.fieldNames()).toIterable().containsExactly("passed", "migrationId", "counts", "findings", "estimate");
    assertThat(result.get("passed").asBoolean()).isFalse();
    assertThat(result.get("migrationId").asText()).isEqualTo(session);
    assertThat(result.get("counts").fieldNames()).toIterable().containsExactly("BLOCKER", "WARNING", "INFO");
    assertThat(result.get("counts").get("BLOCKER").asInt()).isEqualTo(1);
    JsonNode first = result.get("findings").get(0);
    assertThat(first.fieldNames()).toIterable().containsExactly("check", "severity", "side", "subject", "message", "fix");
    assertThat(first.get("check").asText()).isEqualTo("versioning");
    assertThat(first.get("severity").asText()).isEqualTo("BLOCKER");
    assertThat(first.get("side").asText()).isEqualTo("target");
    JsonNode archive = null;
    for (JsonNode finding : result.get("findings")) {
      if (finding.get("check").asText().equals("archive")) {
        archive = finding;
      }
    }
    assertThat(archive).isNotNull();
    assertThat(archive.fieldNames()).toIterable()
        .containsExactly("check", "severity", "side", "subject", "message", "fix", "count", "examples");
    assertThat(archive.get("count").asLong()).isEqualTo(1);
    assertThat(archive.get("examples").get(0).asText()).isEqualTo("static/cold.png");
    assertThat(result.get("estimate").get("objects").asLong()).isEqualTo(2);
  }

  @Test
  void every_input_problem_is_reported_at_once_before_any_bucket_is_touched() {
    ObjectNode payload = TestPlans.payload(TestPlans.json());
    payload.remove("executionId");
    payload.put("plna", "typo");
    ((ObjectNode) payload.get("plan").get("source")).put("bucket", "Not_A_Bucket!");
    ((ObjectNode) payload.get("plan").get("target")).put("accountId", "4444");

    InvalidPlanException e = refused(payload.toString());

    assertThat(e.problems())
        .extracting(PlanProblem::field)
        .containsExactlyInAnyOrder("plna", "executionId", "plan.source.bucket", "plan.target.accountId");
    assertThat(e.getMessage()).contains("nothing was changed");
  }

  @Test
  void a_payload_that_is_not_json_or_not_an_object_is_refused() {
    assertThat(refused("executionId=x").problems()).extracting(PlanProblem::field).containsExactly("$");
    assertThat(refused("[1, 2]").problems()).extracting(PlanProblem::field).containsExactly("$");
  }

  @Test
  void a_bad_sample_size_setting_is_refused_naming_the_variable() {
    assertThatThrownBy(() -> PreflightSettings.fromEnvironment(Map.of(PreflightSettings.SAMPLE_SIZE_VARIABLE, "all")))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("CUTOVER_PREFLIGHT_SAMPLE_SIZE is \"all\"")
        .hasMessageContaining("1 to 5000");
    assertThat(PreflightSettings.fromEnvironment(Map.of(PreflightSettings.SAMPLE_SIZE_VARIABLE, " 250 ")).sampleSize()).isEqualTo(250);
    assertThat(PreflightSettings.fromEnvironment(Map.of()).sampleSize()).isEqualTo(PreflightSettings.DEFAULT_SAMPLE_SIZE);
  }

  private static JsonNode invoke(PreflightHandler handler, JsonNode payload) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(Json.write(payload).getBytes(StandardCharsets.UTF_8)), out, new FakeContext("cutover-preflight"));
    return Json.mapper().readTree(out.toByteArray());
  }

  private static InvalidPlanException refused(String payload) {
    Facts untouched =
        new Facts() {
          @Override
          public BucketFacts bucket(BucketRef bucket) {
            throw new AssertionError("opened " + bucket + " despite bad input");
          }

          @Override
          public KeyFacts keys(BucketRef bucket) {
            throw new AssertionError("asked KMS about " + bucket + " despite bad input");
          }
        };
    PreflightHandler handler = new PreflightHandler(untouched, () -> PreflightSettings.DEFAULT);
    Throwable thrown =
        catchThrowable(
            () -> handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), new FakeContext("cutover-preflight")));
    assertThat(thrown).isInstanceOf(InvalidPlanException.class);
    return (InvalidPlanException) thrown;
  }
}
