package dev.cutover.local.edge.ports;

import static dev.cutover.local.edge.ports.MigrationWorld.GREEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.json.Json;
import dev.cutover.local.edge.EdgeMetrics;
import dev.cutover.testing.EmbeddedS3;
import dev.cutover.testing.FakeContext;
import dev.cutover.testing.TestPlans;
import dev.cutover.watch.WatchHandler;
import dev.cutover.watch.port.DistributionMetrics;
import dev.cutover.watch.port.MetricsQuery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real watch handler ({@code WatchHandler.local}) on metrics counted from the edge's own log
 * records and probes through the public hostname as the local zone resolves it: green after the
 * cutover is healthy, and unhealthy once a fault fails a share of its requests.
 */
@ExtendWith(EmbeddedS3.class)
class WatchOnLocalEdgeTest {

  private final MigrationWorld world = new MigrationWorld();
  private final WatchHandler watch = WatchHandler.local(
      new WatchMetrics(world.edge.metrics()),
      new WatchProbe(world.zone.resolverTo(world.edge), Duration.ofSeconds(5)),
      world.clock::instant,
      host -> world.edge.urlFor(host),
      Map.of("CUTOVER_WATCH_METRICS_DELAY_SECONDS", "0"));

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void metrics_are_per_minute_requests_and_error_rates_in_percent_from_the_edges_log_records() {
    world.cutOverByHand();
    Instant minute = world.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    for (int i = 0; i < 6; i++) {
      world.userGet("/static/app.js");
    }
    for (int i = 0; i < 2; i++) {
      world.userGet("/static/missing.js");
    }
    world.edge.fault(GREEN, 503, 0.5);
    for (int i = 0; i < 2; i++) {
      world.userGet("/static/app.js");
    }
    world.edge.clearFault(GREEN);
    world.clock.advance(Duration.ofMinutes(2));
    world.userGet("/static/app.js");

    DistributionMetrics m = new WatchMetrics(world.edge.metrics())
        .read(new MetricsQuery("r", "m", GREEN, minute, minute.plus(Duration.ofMinutes(5))));

    assertThat(m.requests()).extracting(d -> d.timestamp().toString(), d -> d.value())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(minute.toString(), 10.0),
            org.assertj.core.groups.Tuple.tuple(minute.plus(Duration.ofMinutes(2)).toString(), 1.0));
    assertThat(m.errorRate4xx().getFirst().value()).isEqualTo(20.0);
    assertThat(m.errorRate5xx().getFirst().value()).isEqualTo(10.0);
    assertThat(m.errorRate5xx().get(1).value()).isZero();
    assertThat(world.edge.metrics().minutes(GREEN, minute, minute)).as("an empty window").isEmpty();
    assertThat(world.edge.metrics().minutes(GREEN, minute.plusSeconds(60), minute.plusSeconds(120))).as("no minute without requests").isEmpty();
    assertThat(world.edge.metrics().minutes(GREEN, minute, minute.plusSeconds(60)))
        .containsExactly(new EdgeMetrics.Minute(minute, 10, 2, 1));
  }

  @Test
  void green_is_healthy_after_the_cutover_and_unhealthy_under_a_fault() throws Exception {
    world.cutOverByHand();
    Instant since = world.clock.instant();
    traffic(3);

    JsonNode healthy = sample(since);
    assertThat(healthy.path("healthy").asBoolean()).as(healthy.toString()).isTrue();
    assertThat(healthy.path("metrics").path("requests").asLong()).as("the last minute before the sample").isEqualTo(20);
    assertThat(healthy.path("probes").path("failed").asInt()).isZero();
    assertThat(healthy.path("probes").path("sent").asInt()).isPositive();

    world.edge.fault(GREEN, 503, 0.2);
    traffic(2);
    JsonNode unhealthy = sample(since);
    assertThat(unhealthy.path("healthy").asBoolean()).isFalse();
    assertThat(unhealthy.path("reasons").toString()).contains("5xxErrorRate").contains(GREEN);
  }

  /** A minute of user requests, {@code minutes} times. */
  private void traffic(int minutes) {
    for (int m = 0; m < minutes; m++) {
      for (int i = 0; i < 20; i++) {
        world.userGet("/static/app.js");
      }
      world.clock.advance(Duration.ofMinutes(1));
    }
  }

  private JsonNode sample(Instant since) throws Exception {
    ObjectNode payload = TestPlans.payload(TestPlans.json());
    payload.putArray("hotKeys").add("static/app.js");
    payload.put("since", since.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    watch.handleRequest(new ByteArrayInputStream(Json.write(payload).getBytes(StandardCharsets.UTF_8)), out, new FakeContext("cutover-watch"));
    return Json.mapper().readTree(out.toByteArray());
  }

}
