package dev.cutover.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.plan.Plan;
import dev.cutover.testing.TestPlans;
import dev.cutover.watch.WatchResult.ProbedKey;
import dev.cutover.watch.port.MetricsQuery;
import dev.cutover.watch.port.ProbeOutcome;
import dev.cutover.watch.support.InMemoryMetrics;
import dev.cutover.watch.support.ScriptedProbe;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The sample's logic with CloudWatch and the probes in memory and the clock fixed: which minutes
 * count, where the thresholds lie, what missing data and failed probes come to.
 */
class WatchStepTest {

  /** The sample's time; the example plan polls every 60 s over a 1800 s bake, thresholds 1 % and 10 %. */
  private static final Instant NOW = Instant.parse("2026-11-24T10:20:30Z");
  private static final Instant CUTOVER_DONE = Instant.parse("2026-11-24T10:15:20Z");
  private static final Duration DELAY = Duration.ofSeconds(180);

  private final InMemoryMetrics metrics = new InMemoryMetrics();
  private final ScriptedProbe probe = new ScriptedProbe();

  private WatchResult sample(Plan plan, List<String> hotKeys, Instant since) {
    return sample(plan, hotKeys, since, DELAY, 4, Deadline.NONE);
  }

  private WatchResult sample(Plan plan, List<String> hotKeys, Instant since, Duration delay, int concurrency, Deadline deadline) {
    WatchStep step = new WatchStep(metrics, probe, () -> NOW, host -> URI.create("https://" + host), concurrency, delay);
    return step.sample(new WatchInput(TestPlans.EXECUTION_ID, plan, hotKeys, since), deadline);
  }

  private WatchResult sample() {
    return sample(TestPlans.plan(), null, CUTOVER_DONE);
  }

  private static Plan bake(Consumer<ObjectNode> edit) {
    return TestPlans.plan(p -> edit.accept((ObjectNode) p.get("bake")));
  }

  // ---------------------------------------------------------------- the window

  @Test
  void the_window_reaches_back_the_poll_interval_and_the_delay_allowance_from_a_whole_minute() {
    WatchResult result = sample();

    // 10:20:30 - 60 s - 180 s = 10:16:30, rounded up to the minute.
    assertThat(metrics.queries).containsExactly(new MetricsQuery(
        TestPlans.GREEN_ROLE, "assets-to-platform-account", "E3ABCDEF123456", Instant.parse("2026-11-24T10:17:00Z"), NOW));
    assertThat(result.window()).isEqualTo(new WatchResult.Window("2026-11-24T10:17:00Z", "2026-11-24T10:20:30Z"));
    assertThat(result.sampledAt()).isEqualTo("2026-11-24T10:20:30Z");
  }

  @Test
  void the_sample_time_is_kept_to_the_second() {
    WatchStep step = new WatchStep(metrics, probe, () -> NOW.plusNanos(123_456_789), host -> URI.create("https://" + host), 4, DELAY);

    WatchResult result = step.sample(new WatchInput(TestPlans.EXECUTION_ID, TestPlans.plan(), null, CUTOVER_DONE), Deadline.NONE);

    assertThat(result.sampledAt()).isEqualTo("2026-11-24T10:20:30Z");
    assertThat(metrics.queries).singleElement().extracting(MetricsQuery::to).isEqualTo(NOW);
  }

  @Test
  void the_window_never_starts_before_the_first_whole_minute_after_the_cutover() {
    sample(TestPlans.plan(), null, Instant.parse("2026-11-24T10:18:10Z"));

    assertThat(metrics.queries).singleElement().extracting(MetricsQuery::from).isEqualTo(Instant.parse("2026-11-24T10:19:00Z"));
  }

  @Test
  void the_span_is_the_poll_interval_but_at_least_a_minute_and_at_most_the_bake() {
    sample(bake(b -> b.put("pollIntervalSeconds", 5).put("durationSeconds", 10)), null, null, Duration.ZERO, 4, Deadline.NONE);
    sample(bake(b -> b.put("pollIntervalSeconds", 600).put("durationSeconds", 1800)), null, null, Duration.ZERO, 4, Deadline.NONE);
    sample(bake(b -> b.put("pollIntervalSeconds", 600).put("durationSeconds", 600)), null, null, Duration.ofSeconds(30), 4, Deadline.NONE);

    assertThat(metrics.queries).extracting(MetricsQuery::from).containsExactly(
        Instant.parse("2026-11-24T10:20:00Z"),  // 60 s back from 10:20:30, rounded up
        Instant.parse("2026-11-24T10:11:00Z"),  // 600 s back
        Instant.parse("2026-11-24T10:10:00Z")); // 600 s + 30 s back
  }

  @Test
  void right_after_the_cutover_there_is_no_whole_minute_to_read_and_that_is_said() {
    WatchResult result = sample(TestPlans.plan(), null, Instant.parse("2026-11-24T10:20:05Z"));

    assertThat(metrics.queries).isEmpty();
    assertThat(result.healthy()).isTrue();
    assertThat(result.metrics().errorRate5xx().value()).isNull();
    assertThat(result.notes()).anyMatch(n -> n.contains("No whole minute has started since the cutover finished"));
  }

  @Test
  void minutes_outside_the_window_never_count_even_when_returned() {
    metrics
        .minute("2026-11-24T10:15:00Z", 500, 60.0, 90.0)  // before the cutover finished
        .minute("2026-11-24T10:16:00Z", 500, 60.0, 90.0)  // before the window
        .minute("2026-11-24T10:18:00Z", 1000, 0.2, 1.0)
        .minute("2026-11-24T10:21:00Z", 500, 60.0, 90.0); // after the sample

    WatchResult result = sample();

    assertThat(result.healthy()).isTrue();
    assertThat(result.metrics().errorRate5xx().value()).isEqualTo(0.2);
    assertThat(result.metrics().errorRate5xx().datapoints()).isEqualTo(1);
    assertThat(result.metrics().requests()).isEqualTo(1000L);
  }

  // ---------------------------------------------------------------- thresholds

  @Test
  void a_rate_equal_to_its_threshold_is_healthy() {
    metrics.minute("2026-11-24T10:18:00Z", 1000, 1.0, 10.0);

    WatchResult result = sample();

    assertThat(result.healthy()).isTrue();
    assertThat(result.reasons()).isEmpty();
    assertThat(result.metrics().errorRate5xx()).isEqualTo(new WatchResult.Rate(1.0, 1.0, 1, "2026-11-24T10:18:00Z"));
    assertThat(result.metrics().errorRate4xx()).isEqualTo(new WatchResult.Rate(10.0, 10.0, 1, "2026-11-24T10:18:00Z"));
  }

  @Test
  void a_5xx_rate_above_its_threshold_is_unhealthy_and_says_by_how_much() {
    metrics.minute("2026-11-24T10:18:00Z", 1000, 1.01, 0.0);

    WatchResult result = sample();

    assertThat(result.healthy()).isFalse();
    assertThat(result.reasons()).containsExactly(
        "5xxErrorRate of distribution E3ABCDEF123456 was 1.01% in the minute from 2026-11-24T10:18:00Z, above the plan's bake.max5xxErrorRatePercent of 1%.");
  }

  @Test
  void a_4xx_rate_above_its_threshold_is_unhealthy() {
    metrics.minute("2026-11-24T10:18:00Z", 1000, 0.0, 10.5);

    WatchResult result = sample();

    assertThat(result.healthy()).isFalse();
    assertThat(result.reasons()).singleElement().asString().startsWith("4xxErrorRate").contains("10.5%").contains("bake.max4xxErrorRatePercent of 10%");
  }

  @Test
  void the_worst_minute_decides_not_the_average() {
    metrics
        .minute("2026-11-24T10:17:00Z", 1000, 0.1, 1.0)
        .minute("2026-11-24T10:18:00Z", 1000, 3.0, 1.0)
        .minute("2026-11-24T10:19:00Z", 1000, 0.1, 1.0);

    WatchResult result = sample();

    assertThat(result.healthy()).isFalse();
    assertThat(result.metrics().errorRate5xx()).isEqualTo(new WatchResult.Rate(3.0, 1.0, 3, "2026-11-24T10:18:00Z"));
    assertThat(result.metrics().requests()).isEqualTo(3000L);
  }

  @Test
  void the_plans_own_thresholds_are_used() {
    metrics.minute("2026-11-24T10:18:00Z", 1000, 3.0, 30.0);

    WatchResult result = sample(bake(b -> b.put("max5xxErrorRatePercent", 5.0).put("max4xxErrorRatePercent", 50.0)), null, CUTOVER_DONE);

    assertThat(result.healthy()).isTrue();
    assertThat(result.metrics().errorRate5xx().threshold()).isEqualTo(5.0);
    assertThat(result.metrics().errorRate4xx().threshold()).isEqualTo(50.0);
  }

  // ---------------------------------------------------------------- missing data

  @Test
  void no_datapoints_yet_is_not_unhealthy_but_is_said() {
    WatchResult result = sample();

    assertThat(result.healthy()).isTrue();
    assertThat(result.metrics().errorRate5xx()).isEqualTo(new WatchResult.Rate(null, 1.0, 0, null));
    assertThat(result.metrics().errorRate4xx()).isEqualTo(new WatchResult.Rate(null, 10.0, 0, null));
    assertThat(result.metrics().requests()).isNull();
    assertThat(result.notes()).anyMatch(n -> n.startsWith("CloudWatch has no 5xxErrorRate or 4xxErrorRate datapoint for distribution E3ABCDEF123456")
        && n.contains("not unhealthy by itself"));
  }

  @Test
  void one_rate_missing_is_named_and_the_other_still_judged() {
    metrics.requests("2026-11-24T10:18:00Z", 100).rate4xx("2026-11-24T10:18:00Z", 12.0);

    WatchResult result = sample();

    assertThat(result.healthy()).isFalse();
    assertThat(result.metrics().errorRate5xx().value()).isNull();
    assertThat(result.notes()).anyMatch(n -> n.startsWith("CloudWatch has no 5xxErrorRate datapoint"));
  }

  @Test
  void zero_requests_are_said() {
    metrics.requests("2026-11-24T10:18:00Z", 0);

    WatchResult result = sample();

    assertThat(result.healthy()).isTrue();
    assertThat(result.metrics().requests()).isZero();
    assertThat(result.notes()).anyMatch(n -> n.contains("served no requests"));
  }

  @Test
  void what_cloudwatch_says_about_the_data_is_passed_on() {
    metrics.message("errorRate5xx: CloudWatch returned only part of the datapoints (PartialData) and no NextToken.");

    WatchResult result = sample();

    assertThat(result.notes()).contains("CloudWatch: errorRate5xx: CloudWatch returned only part of the datapoints (PartialData) and no NextToken.");
  }

  @Test
  void the_bake_ends_its_duration_after_the_cutover() {
    assertThat(sample().bakeEndsAt()).isEqualTo("2026-11-24T10:45:20Z");
    assertThat(sample(TestPlans.plan(), null, null).bakeEndsAt()).isNull();
  }

  // ---------------------------------------------------------------- probes

  @Test
  void hot_keys_are_fetched_through_the_public_hostname_encoded_as_paths() {
    WatchResult result = sample(TestPlans.plan(), List.of("static/app.js", "static/fonts/Noto Sans+Bold.woff2", "static/café/ü.css"), CUTOVER_DONE);

    assertThat(probe.requested).extracting(URI::toString).containsExactlyInAnyOrder(
        "https://assets.example.com/static/app.js",
        "https://assets.example.com/static/fonts/Noto%20Sans%2BBold.woff2",
        "https://assets.example.com/static/caf%C3%A9/%C3%BC.css");
    assertThat(result.healthy()).isTrue();
    assertThat(result.probes().sent()).isEqualTo(3);
    assertThat(result.probes().failed()).isZero();
    assertThat(result.hostname()).isEqualTo("assets.example.com");
  }

  @Test
  void at_most_the_plans_probe_sample_size_is_fetched_hottest_first() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      keys.add("static/k" + i + ".js");
    }

    WatchResult result = sample(TestPlans.plan(p -> ((ObjectNode) p.get("validation")).put("probeSampleSize", 3)), keys, CUTOVER_DONE);

    assertThat(probe.requested).extracting(URI::getPath).containsExactlyInAnyOrder("/static/k0.js", "/static/k1.js", "/static/k2.js");
    assertThat(result.probes().sent()).isEqualTo(3);
  }

  @Test
  void a_key_answering_5xx_twice_makes_the_sample_unhealthy() {
    probe.on("/static/app.js", ProbeOutcome.answered(503));

    WatchResult result = sample(TestPlans.plan(), List.of("static/index.html", "static/app.js"), CUTOVER_DONE);

    assertThat(result.healthy()).isFalse();
    assertThat(result.probes().failed()).isEqualTo(1);
    assertThat(result.probes().examples().getFirst()).isEqualTo(new ProbedKey("static/app.js", 503, null, 2));
    assertThat(result.reasons()).containsExactly(
        "1 of 2 hot keys failed through https://assets.example.com (5xx or no response, twice), e.g. static/app.js: HTTP 503.");
  }

  @Test
  void a_key_with_no_answer_twice_makes_the_sample_unhealthy() {
    probe.on("/static/app.js", ProbeOutcome.failed("ConnectException: Connection refused"));

    WatchResult result = sample(TestPlans.plan(), List.of("static/app.js"), CUTOVER_DONE);

    assertThat(result.healthy()).isFalse();
    assertThat(result.probes().examples()).containsExactly(new ProbedKey("static/app.js", 0, "ConnectException: Connection refused", 2));
    assertThat(result.reasons()).singleElement().asString().contains("static/app.js: ConnectException: Connection refused");
  }

  @Test
  void a_failure_that_passes_on_the_second_attempt_does_not_count() {
    probe.on("/static/app.js", ProbeOutcome.failed("HttpTimeoutException: request timed out"), ProbeOutcome.answered(200));

    WatchResult result = sample(TestPlans.plan(), List.of("static/app.js"), CUTOVER_DONE);

    assertThat(result.healthy()).isTrue();
    assertThat(result.probes().examples()).containsExactly(new ProbedKey("static/app.js", 200, null, 2));
    assertThat(probe.requested).hasSize(2);
  }

  @Test
  void a_4xx_is_noted_not_counted_and_not_retried() {
    probe.on("/static/old.js", ProbeOutcome.answered(404));

    WatchResult result = sample(TestPlans.plan(), List.of("static/app.js", "static/old.js"), CUTOVER_DONE);

    assertThat(result.healthy()).isTrue();
    assertThat(result.probes().clientErrors()).isEqualTo(1);
    assertThat(result.probes().examples()).containsExactly(new ProbedKey("static/old.js", 404, null, 1), new ProbedKey("static/app.js", 200, null, 1));
    assertThat(result.notes()).anyMatch(n -> n.startsWith("1 of 2 hot keys answered 4xx") && n.contains("static/old.js: HTTP 404"));
  }

  @Test
  void examples_are_bounded_and_put_failures_first() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      keys.add("static/k" + i + ".js");
    }
    probe.on("/static/k29.js", ProbeOutcome.answered(502));
    probe.on("/static/k28.js", ProbeOutcome.answered(403));

    WatchResult result = sample(TestPlans.plan(), keys, CUTOVER_DONE);

    assertThat(result.probes().sent()).isEqualTo(30);
    assertThat(result.probes().examples()).hasSize(WatchStep.MAX_EXAMPLES);
    assertThat(result.probes().examples()).extracting(ProbedKey::key).startsWith("static/k29.js", "static/k28.js", "static/k0.js");
  }

  @Test
  void keys_left_when_the_invocation_runs_out_of_time_are_not_probed_and_said() {
    // One key at a time; the deadline is reached once two requests have gone out.
    WatchResult result = sample(
        TestPlans.plan(), List.of("static/a.js", "static/b.js", "static/c.js", "static/d.js", "static/e.js"), CUTOVER_DONE,
        DELAY, 1, () -> probe.requested.size() >= 2);

    assertThat(result.probes().sent()).isEqualTo(2);
    assertThat(result.probes().notProbed()).isEqualTo(3);
    assertThat(result.healthy()).isTrue();
    assertThat(result.notes()).contains("3 of 5 hot keys were not probed: the invocation ran out of time.");
  }

  @Test
  void without_hot_keys_nothing_is_probed_and_that_is_said() {
    WatchResult result = sample();

    assertThat(probe.requested).isEmpty();
    assertThat(result.probes()).isEqualTo(new WatchResult.ProbeSummary(0, 0, 0, 0, List.of()));
    assertThat(result.notes()).contains("No hot keys were given: nothing was probed through assets.example.com.");
  }

  @Test
  void metrics_and_probes_both_give_reasons() {
    metrics.minute("2026-11-24T10:18:00Z", 1000, 5.0, 0.0);
    probe.on("/static/app.js", ProbeOutcome.answered(500));

    WatchResult result = sample(TestPlans.plan(), List.of("static/app.js"), CUTOVER_DONE);

    assertThat(result.healthy()).isFalse();
    assertThat(result.reasons()).hasSize(2);
  }
}
