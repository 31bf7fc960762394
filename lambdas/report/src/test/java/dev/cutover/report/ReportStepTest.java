package dev.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.json.Json;
import dev.cutover.report.support.Fixtures;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** report.json and report.html: where they go, what the JSON holds, what the step returns. */
class ReportStepTest {

  private static final String JSON_KEY = Fixtures.FOLDER + "report.json";
  private static final String HTML_KEY = Fixtures.FOLDER + "report.html";

  @Test
  void both_files_go_to_the_executions_report_folder_with_their_content_types() {
    Reports.Run run = Reports.run(Fixtures.allPassed());

    assertThat(run.store().objects).containsOnlyKeys(JSON_KEY, HTML_KEY);
    assertThat(run.store().objects.get(JSON_KEY).contentType()).isEqualTo("application/json");
    assertThat(run.store().objects.get(HTML_KEY).contentType()).isEqualTo("text/html; charset=utf-8");
    assertThat(run.result().json()).isEqualTo("s3://platform-cutover-reports/" + JSON_KEY);
    assertThat(run.result().html()).isEqualTo("s3://platform-cutover-reports/" + HTML_KEY);
  }

  @Test
  void a_retry_overwrites_its_own_report_and_another_run_gets_its_own_folder() {
    MemoryStore store = new MemoryStore(Fixtures.REPORT_BUCKET);
    ObjectNode payload = Fixtures.allPassed();
    new ReportStep(store, Reports.CLOCK).run(ReportInput.parse(payload));
    new ReportStep(store, Reports.CLOCK).run(ReportInput.parse(payload));
    payload.put("executionId", "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:run 2/é");
    new ReportStep(store, Reports.CLOCK).run(ReportInput.parse(payload));

    assertThat(store.puts).isEqualTo(6);
    assertThat(store.objects).containsOnlyKeys(
        JSON_KEY, HTML_KEY,
        "cutover/assets-to-platform-account/report/run-2--/report.json",
        "cutover/assets-to-platform-account/report/run-2--/report.html");
  }

  @Test
  void report_json_holds_the_verdict_the_statuses_and_the_evidence_exactly_as_received() {
    ObjectNode payload = Fixtures.mostFailed();
    Reports.Run run = Reports.run(payload);
    JsonNode json = run.json();

    assertThat(json.path("reportVersion").asInt()).isEqualTo(1);
    assertThat(json.path("migrationId").asText()).isEqualTo("assets-to-platform-account");
    assertThat(json.path("executionId").asText()).isEqualTo(Fixtures.EXECUTION_ID);
    assertThat(json.path("runName").asText()).isEqualTo("nightly-2026-11-24");
    assertThat(json.path("mode").asText()).isEqualTo("MIGRATE");
    assertThat(json.path("generatedAt").asText()).isEqualTo("2026-11-24T12:34:56Z");
    assertThat(json.path("verdict").asText()).isEqualTo("NOT_READY");
    assertThat(json.path("reasons")).extracting(JsonNode::asText).isEqualTo(run.result().reasons());
    assertThat(json.path("sections").toString()).isEqualTo(
        "{\"preflight\":\"NOT_PASSED\",\"backfill\":\"NOT_PASSED\",\"verify\":\"NOT_PASSED\",\"verifyKeys\":\"NOT_RUN\",\"checksum\":\"NOT_RUN\",\"parity\":\"PASSED\",\"logscan\":\"FAILED\"}");
    assertThat(json.path("html").asText()).isEqualTo(run.result().html());
    assertThat(json.path("plan").path("source").path("bucket").asText()).isEqualTo("legacy-web-assets");
    for (String section : new String[] {"preflight", "backfill", "verify", "parity", "logscan"}) {
      assertThat(json.path("evidence").get(section)).as(section).isEqualTo(payload.get(section));
    }
    assertThat(json.path("evidence").has("verifyKeys")).isFalse();
    assertThat(json.path("problems")).isEmpty();
  }

  @Test
  void the_result_is_small_and_carries_the_numbers_for_the_approval_notice() {
    Reports.Run run = Reports.run(Fixtures.allPassed());
    Summary s = run.result().summary();

    assertThat(run.result().verdict()).isEqualTo(Verdict.READY);
    assertThat(run.result().reasons()).isEmpty();
    assertThat(s).isEqualTo(new Summary("MIGRATE", 0L, 1L, new BigDecimal("0.2608"), 1200L, 0L, 1200L, 0L, 50L, 0L, 0));
    assertThat(Json.write(run.result()).length()).isLessThan(2_000);
    assertThat(run.json().path("summary").toString()).isEqualTo(Json.write(s));
  }

  @Test
  void a_hostile_payload_keeps_both_files_bounded() {
    ObjectNode payload = Fixtures.mostFailed();
    ObjectNode verify = (ObjectNode) payload.get("verify");
    var missing = ((ObjectNode) verify.get("examples")).putArray("missingOnTarget");
    for (int i = 0; i < 2_000; i++) {
      missing.addObject().put("key", "static/" + "k".repeat(180) + i).putArray("fields");
    }
    Reports.Run run = Reports.run(payload);

    assertThat(run.html().length()).isLessThan(200_000);
    assertThat(run.html()).contains("First 10 of 2,000 examples");
  }
}
