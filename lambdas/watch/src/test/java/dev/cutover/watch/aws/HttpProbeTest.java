package dev.cutover.watch.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.watch.port.ProbeOutcome;
import dev.cutover.watch.support.LoopbackSite;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The java.net.http probe against a site on loopback: what counts as an answer and what as a failure. */
class HttpProbeTest {

  private final LoopbackSite site = new LoopbackSite();
  private final HttpProbe probe = new HttpProbe();

  @AfterEach
  void close() {
    site.close();
  }

  private URI url(String path) {
    return URI.create(site.base() + path);
  }

  @Test
  void a_complete_answer_is_its_status_and_the_request_looks_like_a_browsers() {
    site.on("/static/app.js", LoopbackSite.status(200, "console.log(1);"));

    ProbeOutcome outcome = probe.get(url("/static/app.js"));

    assertThat(outcome).isEqualTo(ProbeOutcome.answered(200));
    assertThat(outcome.unhealthy()).isFalse();
    assertThat(site.requests()).singleElement().satisfies(r -> {
      assertThat(r.rawPath()).isEqualTo("/static/app.js");
      assertThat(r.headers()).containsEntry("accept-encoding", "gzip").containsEntry("user-agent", "cutover-watch");
    });
  }

  @Test
  void a_5xx_is_an_answer_that_counts_against_health_and_a_4xx_is_not() {
    site.on("/static/down.js", LoopbackSite.status(503, "unavailable"));
    site.on("/static/gone.js", LoopbackSite.status(404, "missing"));

    ProbeOutcome down = probe.get(url("/static/down.js"));
    ProbeOutcome gone = probe.get(url("/static/gone.js"));

    assertThat(down).isEqualTo(ProbeOutcome.answered(503));
    assertThat(down.unhealthy()).isTrue();
    assertThat(gone).isEqualTo(ProbeOutcome.answered(404));
    assertThat(gone.unhealthy()).isFalse();
  }

  @Test
  void redirects_are_answers_not_followed() {
    site.on("/static/old.css", LoopbackSite.redirect("/static/new.css"));
    site.on("/static/new.css", LoopbackSite.status(500, "would fail if followed"));

    ProbeOutcome outcome = probe.get(url("/static/old.css"));

    assertThat(outcome).isEqualTo(ProbeOutcome.answered(301));
    assertThat(site.requests()).hasSize(1);
  }

  @Test
  void a_refused_connection_is_a_failure() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }

    ProbeOutcome outcome = probe.get(URI.create("http://127.0.0.1:" + port + "/static/app.js"));

    assertThat(outcome.status()).isZero();
    assertThat(outcome.error()).isNotBlank();
    assertThat(outcome.unhealthy()).isTrue();
  }

  @Test
  void a_connection_closed_without_an_answer_is_a_failure() {
    site.on("/static/app.js", LoopbackSite.hangUp());

    ProbeOutcome outcome = probe.get(url("/static/app.js"));

    assertThat(outcome.status()).isZero();
    assertThat(outcome.unhealthy()).isTrue();
  }

  @Test
  void a_body_cut_short_is_a_failure_even_after_a_200() {
    site.on("/static/app.js", LoopbackSite.cutShort(10_000, 100));

    ProbeOutcome outcome = probe.get(url("/static/app.js"));

    assertThat(outcome.status()).isZero();
    assertThat(outcome.error()).isNotBlank();
    assertThat(outcome.unhealthy()).isTrue();
  }

  @Test
  void a_body_that_stalls_fails_at_the_request_timeout() {
    site.on("/static/app.js", site.stallAfter(10_000, 100));
    HttpProbe impatient = new HttpProbe(Duration.ofSeconds(2), Duration.ofMillis(500), HttpProbe.MAX_BODY_BYTES);

    ProbeOutcome outcome = impatient.get(url("/static/app.js"));

    assertThat(outcome.status()).isZero();
    assertThat(outcome.error()).contains("no complete answer");
  }

  @Test
  void past_the_body_bound_the_status_stands_without_waiting_for_the_rest() {
    // The site sends 4 KiB of a promised 1 MiB and then stalls: a probe that read on would time out.
    site.on("/static/big.bin", site.stallAfter(1024 * 1024, 4096));
    HttpProbe bounded = new HttpProbe(Duration.ofSeconds(2), Duration.ofSeconds(10), 1024);

    ProbeOutcome outcome = bounded.get(url("/static/big.bin"));

    assertThat(outcome).isEqualTo(ProbeOutcome.answered(200));
  }
}
