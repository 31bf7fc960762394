package dev.cutover.logscan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.logscan.support.LogScanPayloads;
import dev.cutover.plan.PlanProblem;
import dev.cutover.queries.port.QueryEngine;
import dev.cutover.testing.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Bad input is refused with every problem named by its field, before any query runs or object is written. */
class LogScanHandlerInputTest {

  static final Instant NOW = Instant.parse("2026-11-24T09:40:12Z");

  /** Fails the test if the handler reaches for Athena. */
  private static final QueryEngine UNTOUCHED_ENGINE =
      (plan, target) -> {
        throw new AssertionError("queried " + target + " despite bad input");
      };

  @Test
  void every_problem_is_reported_at_once_with_its_field() {
    ObjectNode payload = LogScanPayloads.payload(LogScanPayloads.plan("report-bucket", "static/", 7, 1000), "blue_cloudfront");
    payload.remove("executionId");
    payload.put("windowEnd", "yesterday");
    payload.put("logz", "typo");
    ((ObjectNode) payload.get("plan").get("validation")).put("logScanTopN", 100_001);
    ObjectNode logs = (ObjectNode) payload.get("logs");
    logs.put("table", "Blue-CloudFront");
    logs.remove("workGroup");
    logs.put("outputLocation", "results/");
    logs.put("defaultRootObject", "/index.html");
    logs.put("bucket", "x");

    InvalidPlanException e = refused(payload.toString());

    assertThat(e.problems())
        .extracting(PlanProblem::field)
        .containsExactlyInAnyOrder(
            "executionId", "windowEnd", "logz", "plan.validation.logScanTopN", "logs.table", "logs.workGroup",
            "logs.outputLocation", "logs.defaultRootObject", "logs.bucket");
    assertThat(e.getMessage())
        .contains("nothing was changed")
        .contains("$states.context.Execution.StartTime")
        .contains("sql/cloudfront-logs-table.ddl")
        .contains("no leading /");
  }

  @Test
  void a_window_end_in_the_future_is_refused() {
    ObjectNode payload = LogScanPayloads.payload(LogScanPayloads.plan("report-bucket", "static/", 7, 1000), "blue_cloudfront");
    // 10:00 UTC, within the hour the clock (09:40) allows: accepted, the handler goes on to write.
    payload.put("windowEnd", "2026-11-24T12:00:00+02:00");
    assertThat(outcome(payload.toString())).isInstanceOf(AssertionError.class).hasMessageContaining("opened report bucket");

    payload.put("windowEnd", "2026-11-24T11:00:00Z");
    InvalidPlanException e = refused(payload.toString());
    assertThat(e.problems()).extracting(PlanProblem::field).containsExactly("windowEnd");
    assertThat(e.getMessage()).contains("in the future");
  }

  @Test
  void missing_logs_and_a_payload_that_is_not_json_are_refused() {
    ObjectNode payload = LogScanPayloads.payload(LogScanPayloads.plan("report-bucket", null, 7, 1000), "blue_cloudfront");
    payload.remove("logs");
    assertThat(refused(payload.toString()).problems()).extracting(PlanProblem::field).containsExactly("logs");
    assertThat(refused("executionId=x").problems()).extracting(PlanProblem::field).containsExactly("$");
  }

  private static InvalidPlanException refused(String payload) {
    Throwable thrown = outcome(payload);
    assertThat(thrown).isInstanceOf(InvalidPlanException.class);
    return (InvalidPlanException) thrown;
  }

  /** What the handler throws for {@code payload}; an AssertionError if it got past validation. */
  private static Throwable outcome(String payload) {
    LogScanHandler handler =
        new LogScanHandler(
            UNTOUCHED_ENGINE,
            ref -> {
              throw new AssertionError("opened report bucket " + ref + " despite bad input");
            },
            Clock.fixed(NOW, ZoneOffset.UTC));
    return catchThrowable(
        () -> handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), new FakeContext("cutover-logscan")));
  }
}
