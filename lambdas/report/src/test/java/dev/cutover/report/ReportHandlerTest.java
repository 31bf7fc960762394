package dev.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.json.Json;
import dev.cutover.plan.PlanProblem;
import dev.cutover.report.port.BucketRef;
import dev.cutover.report.port.ReportStore;
import dev.cutover.report.support.Fixtures;
import dev.cutover.testing.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The Lambda entry: which bucket it writes to and as whom, what it returns, and bad input refused
 * with every problem's field path before anything is written.
 */
class ReportHandlerTest {

  /** Fails the test if the handler reaches for the report bucket. */
  private static final Function<BucketRef, ReportStore> UNTOUCHED =
      ref -> {
        throw new AssertionError("opened " + ref + " despite bad input");
      };

  @Test
  void the_report_is_written_to_the_report_bucket_with_greens_role_region_and_account() throws IOException {
    List<BucketRef> opened = new ArrayList<>();
    MemoryStore store = new MemoryStore(Fixtures.REPORT_BUCKET);
    ReportHandler handler = new ReportHandler(ref -> {
      opened.add(ref);
      return store;
    }, Reports.CLOCK);

    JsonNode result = invoke(handler, Fixtures.mostFailed().toString());

    assertThat(opened).containsExactly(new BucketRef("platform-cutover-reports", "us-east-1",
        "arn:aws:iam::444455556666:role/cutover-target", "assets-to-platform-account", "444455556666"));
    assertThat(store.objects).containsOnlyKeys(Fixtures.FOLDER + "report.json", Fixtures.FOLDER + "report.html");
    assertThat(result.properties()).extracting(java.util.Map.Entry::getKey)
        .containsExactly("verdict", "reasons", "json", "html", "summary");
    assertThat(result.path("verdict").asText()).isEqualTo("NOT_READY");
    assertThat(result.path("reasons")).hasSize(4);
    assertThat(result.path("html").asText()).isEqualTo("s3://platform-cutover-reports/" + Fixtures.FOLDER + "report.html");
    assertThat(result.path("summary").path("mismatchedObjects").asLong()).isEqualTo(26);
    assertThat(result.path("summary").path("preflightBlockers").asLong()).isEqualTo(2);
    assertThat(result.path("summary").path("hotKeysCompared").isNull()).isTrue();
  }

  @Test
  void cost_figures_keep_their_exact_decimals() throws IOException {
    MemoryStore store = new MemoryStore(Fixtures.REPORT_BUCKET);
    ObjectNode payload = Fixtures.allPassed();
    String json = payload.toString().replace("\"total\":0.2608", "\"total\":0.30000000000000004440892098500626");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ReportHandler(ref -> store, Reports.CLOCK)
        .handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, new FakeContext("cutover-report"));

    String written = out.toString(StandardCharsets.UTF_8);
    assertThat(written).contains("\"estimatedCostUsd\":0.30000000000000004440892098500626,");
    JsonNode result = Json.mapper().reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(written);
    assertThat(result.path("summary").path("estimatedCostUsd").decimalValue()).isEqualByComparingTo("0.30000000000000004440892098500626");
  }

  @Test
  void malformed_sections_do_not_stop_the_report() throws IOException {
    MemoryStore store = new MemoryStore(Fixtures.REPORT_BUCKET);
    ObjectNode payload = Fixtures.payload(Fixtures.plan());
    payload.put("preflight", 42);
    payload.putArray("verify").add("x");
    payload.putObject("backfill").put("progress", "Complete");

    JsonNode result = invoke(new ReportHandler(ref -> store, Reports.CLOCK), payload.toString());

    assertThat(result.path("verdict").asText()).isEqualTo("NOT_READY");
    assertThat(result.path("summary").path("problems").asInt()).isEqualTo(3);
    assertThat(store.objects).hasSize(2);
  }

  @Test
  void every_problem_of_the_payload_is_reported_at_once_with_its_field() {
    ObjectNode payload = Fixtures.allPassed();
    payload.remove("executionId");
    payload.set("verfy", payload.get("verify"));
    ((ObjectNode) payload.get("plan").get("source")).put("bucket", "Not_A_Bucket!");
    ((ObjectNode) payload.get("plan").get("target")).put("accountId", "4444");

    InvalidPlanException e = refused(payload.toString());

    assertThat(e.problems()).extracting(PlanProblem::field)
        .containsExactlyInAnyOrder("verfy", "executionId", "plan.source.bucket", "plan.target.accountId");
    assertThat(e.getMessage()).contains("nothing was changed").contains("verfy: is not a field the report step reads");
  }

  @Test
  void a_payload_without_a_plan_or_that_is_not_json_is_refused() {
    ObjectNode noPlan = Fixtures.allPassed();
    noPlan.put("plan", "migrate.json");

    assertThat(refused(noPlan.toString()).problems()).extracting(PlanProblem::field).containsExactly("plan");
    assertThat(refused("executionId=x").problems()).extracting(PlanProblem::field).containsExactly("$");
    assertThat(refused("[1, 2]").problems()).extracting(PlanProblem::field).containsExactly("$");
  }

  private static JsonNode invoke(ReportHandler handler, String payload) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, new FakeContext("cutover-report"));
    return Json.mapper().readTree(out.toByteArray());
  }

  private static InvalidPlanException refused(String payload) {
    ReportHandler handler = new ReportHandler(UNTOUCHED, Reports.CLOCK);
    Throwable thrown = catchThrowable(() -> invoke(handler, payload));
    assertThat(thrown).isInstanceOf(InvalidPlanException.class);
    return (InvalidPlanException) thrown;
  }
}
