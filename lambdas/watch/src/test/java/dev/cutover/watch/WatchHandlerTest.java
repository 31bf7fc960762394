package dev.cutover.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.json.Json;
import dev.cutover.plan.PlanProblem;
import dev.cutover.testing.FakeContext;
import dev.cutover.testing.TestPlans;
import dev.cutover.watch.aws.HttpProbe;
import dev.cutover.watch.port.Clock;
import dev.cutover.watch.port.Metrics;
import dev.cutover.watch.port.Probe;
import dev.cutover.watch.support.InMemoryMetrics;
import dev.cutover.watch.support.LoopbackSite;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Lambda entry: input refused with every problem at once, and one sample end to end. */
class WatchHandlerTest {

  private static final Instant NOW = Instant.parse("2026-11-24T10:20:30Z");
  private static final Clock CLOCK = () -> NOW;

  private static final Metrics UNTOUCHED_METRICS = q -> {
    throw new AssertionError("read metrics " + q + " despite bad input");
  };
  private static final Probe NO_PROBES = url -> {
    throw new AssertionError("probed " + url + " despite bad input");
  };

  private static JsonNode handle(WatchHandler handler, String payload) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, new FakeContext("cutover-watch"));
    return Json.mapper().readTree(out.toByteArray());
  }

  private static InvalidPlanException refused(String payload) {
    WatchHandler handler = new WatchHandler(UNTOUCHED_METRICS, NO_PROBES, CLOCK, h -> URI.create("https://" + h), () -> WatchSettings.DEFAULT);
    Throwable e = catchThrowable(() -> handle(handler, payload));
    assertThat(e).isInstanceOf(InvalidPlanException.class);
    return (InvalidPlanException) e;
  }

  @Test
  void every_problem_is_reported_at_once_with_its_field() {
    ObjectNode payload = TestPlans.payload(TestPlans.json());
    payload.remove("executionId");
    payload.put("hotkeys", "typo");
    ((ObjectNode) payload.get("plan").get("bake")).put("max5xxErrorRatePercent", 150.0);
    payload.putArray("hotKeys").add("static/a.css").add("other/b.css").add("static/a.css").add(7);
    payload.put("since", "yesterday");

    InvalidPlanException e = refused(payload.toString());

    assertThat(e.problems()).extracting(PlanProblem::field).containsExactlyInAnyOrder(
        "hotkeys", "executionId", "plan.bake.max5xxErrorRatePercent", "hotKeys[1]", "hotKeys[2]", "hotKeys[3]", "since");
    assertThat(e.getMessage()).contains("nothing was changed").contains("not under the source prefix \"static/\"").contains("\"yesterday\" must be the ISO-8601 instant");
  }

  @Test
  void since_must_be_an_instant_with_a_zone_and_not_in_the_future() {
    for (String since : List.of("2026-11-24T10:15:00", "2026-11-24")) {
      ObjectNode payload = TestPlans.payload(TestPlans.json()).put("since", since);
      assertThat(refused(payload.toString()).problems()).as(since).extracting(PlanProblem::field).containsExactly("since");
    }
    ObjectNode future = TestPlans.payload(TestPlans.json()).put("since", "2026-11-24T10:25:00Z");
    assertThat(refused(future.toString()).getMessage()).contains("is in the future");
    ObjectNode number = TestPlans.payload(TestPlans.json());
    number.put("since", 1_764_000_000L);
    assertThat(refused(number.toString()).problems()).extracting(PlanProblem::field).containsExactly("since");
  }

  @Test
  void more_hot_keys_than_a_task_may_carry_are_refused() {
    ObjectNode payload = TestPlans.payload(TestPlans.json());
    ArrayNode keys = payload.putArray("hotKeys");
    for (int i = 0; i <= WatchInput.MAX_KEYS; i++) {
      keys.add("static/k" + i);
    }

    assertThat(refused(payload.toString()).problems()).extracting(PlanProblem::field).containsExactly("hotKeys");
  }

  @Test
  void a_payload_that_is_not_json_is_refused() {
    assertThat(refused("executionId=x").problems()).extracting(PlanProblem::field).containsExactly("$");
  }

  @Test
  void since_with_an_offset_is_read_as_its_instant() {
    ObjectNode payload = TestPlans.payload(TestPlans.json()).put("since", "2026-11-24T11:18:10+01:00");

    WatchInput input = WatchInput.parse(payload, NOW);

    assertThat(input.since()).isEqualTo(Instant.parse("2026-11-24T10:18:10Z"));
    assertThat(input.hotKeys()).isNull();
  }

  @Test
  void one_sample_end_to_end_returns_the_documented_shape() throws IOException {
    InMemoryMetrics metrics = new InMemoryMetrics().minute("2026-11-24T10:18:00Z", 4200, 0.4, 2.5).minute("2026-11-24T10:19:00Z", 3900, 1.5, 3.0);
    try (LoopbackSite site = new LoopbackSite()) {
      site.on("/static/app.js", LoopbackSite.status(200, "console.log(1);"));
      site.on("/static/index.html", LoopbackSite.status(200, "<!doctype html>"));
      WatchHandler handler = new WatchHandler(metrics, new HttpProbe(), CLOCK, host -> site.base(), () -> WatchSettings.DEFAULT);
      ObjectNode payload = TestPlans.payload(TestPlans.json()).put("since", "2026-11-24T10:15:20Z");
      payload.putArray("hotKeys").add("static/app.js").add("static/index.html");

      JsonNode result = handle(handler, payload.toString());

      assertThat(fieldNames(result)).containsExactly(
          "healthy", "migrationId", "distributionId", "hostname", "sampledAt", "bakeEndsAt", "window", "metrics", "probes", "reasons", "notes");
      assertThat(result.get("healthy").asBoolean()).isFalse();
      assertThat(result.get("window")).isEqualTo(Json.mapper().readTree("{\"from\":\"2026-11-24T10:17:00Z\",\"to\":\"2026-11-24T10:20:30Z\"}"));
      assertThat(result.get("metrics")).isEqualTo(Json.mapper().readTree("""
          {"errorRate5xx": {"value": 1.5, "threshold": 1.0, "datapoints": 2, "at": "2026-11-24T10:19:00Z"},
           "errorRate4xx": {"value": 3.0, "threshold": 10.0, "datapoints": 2, "at": "2026-11-24T10:19:00Z"},
           "requests": 8100}
          """));
      assertThat(result.get("probes")).isEqualTo(Json.mapper().readTree("""
          {"sent": 2, "failed": 0, "clientErrors": 0, "notProbed": 0,
           "examples": [{"key": "static/app.js", "status": 200, "error": null, "attempts": 1},
                        {"key": "static/index.html", "status": 200, "error": null, "attempts": 1}]}
          """));
      assertThat(result.get("reasons")).hasSize(1);
      assertThat(result.get("reasons").get(0).asText()).startsWith("5xxErrorRate of distribution E3ABCDEF123456 was 1.5%");
      assertThat(site.requests()).extracting(LoopbackSite.Request::rawPath).containsExactlyInAnyOrder("/static/app.js", "/static/index.html");
      assertThat(result.toString().getBytes(StandardCharsets.UTF_8).length).isLessThan(8 * 1024);
    }
  }

  @Test
  void a_bad_setting_in_the_environment_is_a_precondition_naming_the_variable() {
    assertThatThrownBy(() -> WatchSettings.fromEnvironment(Map.of(WatchSettings.CONCURRENCY_VARIABLE, "lots")))
        .isInstanceOf(PreconditionFailedException.class).hasMessageContaining("CUTOVER_WATCH_PROBE_CONCURRENCY");
    assertThatThrownBy(() -> WatchSettings.fromEnvironment(Map.of(WatchSettings.METRICS_DELAY_VARIABLE, "901")))
        .isInstanceOf(PreconditionFailedException.class).hasMessageContaining("CUTOVER_WATCH_METRICS_DELAY_SECONDS").hasMessageContaining("0 to 900");
    assertThat(WatchSettings.fromEnvironment(Map.of(WatchSettings.CONCURRENCY_VARIABLE, "16", WatchSettings.METRICS_DELAY_VARIABLE, "0")))
        .isEqualTo(new WatchSettings(16, Duration.ZERO));
    assertThat(WatchSettings.fromEnvironment(Map.of())).isEqualTo(WatchSettings.DEFAULT);
  }

  @Test
  void a_bad_setting_fails_the_invocation_with_the_contract_error() {
    WatchHandler handler = new WatchHandler(new InMemoryMetrics(), NO_PROBES, CLOCK, h -> URI.create("https://" + h),
        () -> WatchSettings.fromEnvironment(Map.of(WatchSettings.CONCURRENCY_VARIABLE, "0")));

    assertThatThrownBy(() -> handle(handler, TestPlans.payload(TestPlans.json()).toString())).isInstanceOf(PreconditionFailedException.class);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
