package dev.cutover.parity.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.parity.port.ProbeResponse;
import dev.cutover.parity.support.LocalEdge;
import dev.cutover.parity.support.LocalEdge.Asset;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The java.net.http probe against an edge on loopback: what it sends, what it hashes, what it does not follow. */
class HttpProbeTest {

  private static final String CSS = "body { color: #123456; }\n".repeat(40);

  private final LocalEdge edge = new LocalEdge();
  private final HttpProbe probe = new HttpProbe();

  @AfterEach
  void close() {
    edge.close();
  }

  private URI url(String path) {
    return URI.create(edge.base() + path);
  }

  @Test
  void status_headers_and_body_hash_of_an_uncompressed_answer() throws Exception {
    edge.put("static/app.css", Asset.of("text/css", CSS));

    ProbeResponse r = probe.get(url("/static/app.css"), Map.of("Accept-Encoding", "identity", "Origin", "https://assets.example.com"));

    assertThat(r.error()).isNull();
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("text/css");
    assertThat(r.header("cache-control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("https://assets.example.com");
    assertThat(r.header("Content-Encoding")).isNull();
    assertThat(r.bodySha256()).isEqualTo(sha256(CSS.getBytes(StandardCharsets.UTF_8)));
    assertThat(r.bodyBytes()).isEqualTo(CSS.length());
    assertThat(r.bodyTruncated()).isFalse();
    assertThat(edge.requests()).singleElement().satisfies(req -> {
      assertThat(req.headers()).containsEntry("origin", "https://assets.example.com");
      assertThat(req.headers()).containsEntry("accept-encoding", "identity");
    });
  }

  @Test
  void a_gzip_answer_is_hashed_as_the_file_it_decodes_to() throws Exception {
    edge.put("static/app.css", Asset.of("text/css", CSS));

    ProbeResponse r = probe.get(url("/static/app.css"), Map.of("Accept-Encoding", "gzip, br"));

    assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(r.bodySha256()).isEqualTo(sha256(CSS.getBytes(StandardCharsets.UTF_8)));
    assertThat(r.bodyBytes()).isEqualTo(CSS.length());
  }

  @Test
  void a_body_in_a_coding_the_probe_cannot_decode_is_hashed_as_received() throws Exception {
    byte[] brotli = {0x1b, 0x03, 0x00, (byte) 0xf8, 0x25, 0x00, 0x10, 0x00};
    byte[] notGzip = "labelled gzip, but plain".getBytes(StandardCharsets.UTF_8);
    edge.put("static/app.js", Asset.of("text/javascript", "x").storedEncoded("br", brotli));
    edge.put("static/broken.js", Asset.of("text/javascript", "x").storedEncoded("gzip", notGzip));

    ProbeResponse br = probe.get(url("/static/app.js"), Map.of("Accept-Encoding", "gzip, br"));
    ProbeResponse broken = probe.get(url("/static/broken.js"), Map.of("Accept-Encoding", "gzip, br"));

    assertThat(br.header("Content-Encoding")).isEqualTo("br");
    assertThat(br.bodySha256()).isEqualTo(sha256(brotli));
    assertThat(broken.error()).isNull();
    assertThat(broken.bodySha256()).isEqualTo(sha256(notGzip));
    assertThat(broken.bodyBytes()).isEqualTo(notGzip.length);
  }

  @Test
  void redirects_are_answers_not_followed() {
    edge.put("static/old.css", Asset.of("text/css", "").withStatus(301, Map.of("Location", "/static/new.css")));
    edge.put("static/new.css", Asset.of("text/css", CSS));

    ProbeResponse r = probe.get(url("/static/old.css"), Map.of());

    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("Location")).isEqualTo("/static/new.css");
    assertThat(edge.requests()).hasSize(1);
  }

  @Test
  void a_body_longer_than_the_bound_is_hashed_up_to_it_and_marked() throws Exception {
    edge.put("static/big.bin", Asset.of("application/octet-stream", CSS));
    HttpProbe bounded = new HttpProbe(Duration.ofSeconds(5), Duration.ofSeconds(20), 100);

    ProbeResponse r = bounded.get(url("/static/big.bin"), Map.of("Accept-Encoding", "identity"));

    assertThat(r.bodyTruncated()).isTrue();
    assertThat(r.bodyBytes()).isEqualTo(100);
    assertThat(r.bodySha256()).isEqualTo(sha256(Arrays.copyOf(CSS.getBytes(StandardCharsets.UTF_8), 100)));
  }

  @Test
  void a_bound_also_applies_after_decoding() throws Exception {
    edge.put("static/app.css", Asset.of("text/css", CSS));
    HttpProbe bounded = new HttpProbe(Duration.ofSeconds(5), Duration.ofSeconds(20), 200);

    ProbeResponse r = bounded.get(url("/static/app.css"), Map.of("Accept-Encoding", "gzip"));

    assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(r.bodyTruncated()).isTrue();
    assertThat(r.bodyBytes()).isEqualTo(200);
    assertThat(r.bodySha256()).isEqualTo(sha256(Arrays.copyOf(CSS.getBytes(StandardCharsets.UTF_8), 200)));
  }

  @Test
  void no_answer_is_a_response_with_an_error_not_an_exception() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    ProbeResponse r = probe.get(URI.create("http://127.0.0.1:" + closedPort + "/static/app.css"), Map.of());

    assertThat(r.status()).isZero();
    assertThat(r.error()).contains("ConnectException");
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
