package dev.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RehearsalPageTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  private static RehearsalSummary summary(List<TrafficGenerator.Failure> failures, List<String> blueChanges) {
    List<TrafficGenerator.Second> traffic = List.of(
        new TrafficGenerator.Second(T0, 50, 0, 0),
        new TrafficGenerator.Second(T0.plusSeconds(1), 30, 20, 0),
        new TrafficGenerator.Second(T0.plusSeconds(2), 0, 50, failures.isEmpty() ? 0 : 1));
    return new RehearsalSummary("SUCCEEDED", Optional.empty(), 200, 200, 200, 0, 0, Optional.of(0.2512), traffic,
        Map.of("blue", 80L, "green", 70L), failures, Map.of("approved", T0, "100% on green", T0.plusSeconds(2)), blueChanges, Duration.ofSeconds(42));
  }

  @Test
  void the_summary_says_what_was_migrated_what_traffic_saw_and_how_long_the_switch_took() {
    RehearsalSummary s = summary(List.of(), List.of());

    assertThat(s.approvalToAllGreen()).contains(Duration.ofSeconds(2));
    assertThat(s.lines()).contains(
        "Objects:            200 seeded, 200 migrated, 200 verified, 0 mismatched",
        "Requests served:    80 by blue, 70 by green",
        "Failed requests:    0",
        "Approval to 100% green: 2.0 s",
        "Blue untouched:     yes (every object before the run is as it was)");
  }

  @Test
  void the_page_charts_both_sides_marks_the_moments_and_lists_failures_escaped() {
    TrafficGenerator.Failure failure = new TrafficGenerator.Failure(T0.plusSeconds(2), "<script>alert(1)</script>.js", 503, "HTTP 503", "green");

    String page = RehearsalPage.render(summary(List.of(failure), List.of("index.html: changed")));

    assertThat(page).contains("<polyline class=\"blue\"").contains("<polyline class=\"green\"").contains("class=\"failed\"");
    assertThat(page).contains(">approved</text>").contains(">100% on green</text>");
    assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;.js").doesNotContain("<script>");
    assertThat(page).contains("Blue objects changed").contains("index.html: changed");
    assertThat(page).contains("default-src 'none'");
  }

  @Test
  void a_clean_run_says_so() {
    String page = RehearsalPage.render(summary(List.of(), List.of()));

    assertThat(page).contains("Failed requests (0)").contains("<p class=\"ok\">None.</p>").doesNotContain("Blue objects changed");
  }
}
