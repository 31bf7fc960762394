package dev.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.cutover.asl.engine.VirtualClock;
import dev.cutover.local.edge.Viewers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The traffic on an edge stand-in that answers by Host header and says which side served. */
class TrafficGeneratorTest {

  private final AtomicReference<String> serving = new AtomicReference<>("blue");
  private final Map<String, Integer> asked = new ConcurrentHashMap<>();
  private final List<String> hosts = new ArrayList<>();
  private final HttpServer edge;
  private final VirtualClock clock = new VirtualClock(Instant.parse("2026-11-24T10:00:00Z"));

  TrafficGeneratorTest() throws IOException {
    edge = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    edge.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      synchronized (hosts) {
        // Routed by name as the edge routes it: the port the name came with is not part of it.
        hosts.add(exchange.getRequestHeaders().getFirst("Host").replaceFirst(":\\d+$", ""));
      }
      asked.merge(path, 1, Integer::sum);
      int status = path.contains("never-seeded") || path.contains("gone") ? 404 : path.contains("boom") ? 503 : 200;
      exchange.getResponseHeaders().set("X-Local-Side", serving.get());
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    edge.start();
  }

  @AfterEach
  void stop() {
    edge.stop(0);
  }

  private TrafficGenerator traffic(List<String> keys) {
    return new TrafficGenerator(Viewers.toEdge(edge.getAddress(), Duration.ofSeconds(5)), URI.create("http://assets.example.com:" + edge.getAddress().getPort() + "/"),
        keys, key -> key, response -> response.headers().firstValue("X-Local-Side").orElse(null), clock, 42);
  }

  @Test
  void requests_carry_the_public_hostname_and_are_counted_per_second_by_the_side_that_served_them() {
    try (TrafficGenerator traffic = traffic(List.of("app.js", "index.html"))) {
      for (int i = 0; i < 20; i++) {
        traffic.sendOne();
      }
      clock.advance(Duration.ofSeconds(1));
      serving.set("green");
      for (int i = 0; i < 30; i++) {
        traffic.sendOne();
      }

      assertThat(traffic.sent()).isEqualTo(50);
      assertThat(traffic.servedBy()).containsEntry("blue", 20L).containsEntry("green", 30L);
      assertThat(traffic.perSecond()).extracting(TrafficGenerator.Second::blue, TrafficGenerator.Second::green)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(20L, 0L), org.assertj.core.groups.Tuple.tuple(0L, 30L));
      assertThat(traffic.allGreenSince()).isEqualTo(Instant.parse("2026-11-24T10:00:01Z"));
      assertThat(traffic.failures()).isEmpty();
    }
    assertThat(hosts).containsOnly("assets.example.com");
  }

  @Test
  void a_5xx_or_a_missing_seeded_key_fails_but_a_key_never_seeded_is_expected_to_be_404() {
    try (TrafficGenerator boom = traffic(List.of("boom.js")); TrafficGenerator gone = traffic(List.of("gone.js"));
        TrafficGenerator never = traffic(List.of(TrafficGenerator.MISSING_PREFIX + "x.js"))) {
      boom.sendOne();
      gone.sendOne();
      never.sendOne();

      assertThat(boom.failures()).singleElement().satisfies(f -> {
        assertThat(f.status()).isEqualTo(503);
        assertThat(TrafficGenerator.describe(f)).contains("boom.js").contains("HTTP 503").contains("served by blue");
      });
      assertThat(gone.failures()).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(404));
      assertThat(never.failures()).isEmpty();
    }
  }

  @Test
  void popular_keys_are_asked_for_far_more_often() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      keys.add("k" + i);
    }
    try (TrafficGenerator traffic = traffic(keys)) {
      for (int i = 0; i < 1000; i++) {
        traffic.sendOne();
      }
    }
    assertThat(asked.getOrDefault("/k0", 0)).isGreaterThan(asked.getOrDefault("/k10", 0) * 5);
    assertThat(asked.getOrDefault("/k0", 0)).isGreaterThan(150);
  }

  @Test
  void a_rate_out_of_range_is_refused_naming_the_option() {
    try (TrafficGenerator traffic = traffic(List.of("a"))) {
      assertThatThrownBy(() -> traffic.start(0)).hasMessageContaining("--rate must be between 1 and 5000");
    }
  }
}
