package dev.cutover.local.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.testing.EmbeddedS3;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Serving from the origin bucket as CloudFront does: the object's headers, conditional and range
 * requests, the default root object, the origin path, custom error responses, compression, the
 * response headers policy, CloudFront's own headers, and the fault switch.
 */
@ExtendWith(EmbeddedS3.class)
class ServingTest {

  static final String BUCKET = "serving-assets";
  static final String HOST = "assets.example.com";
  static final String ACCOUNT = "111122223333";
  static final String JS = "function app(){return 1}\n".repeat(200);
  static final byte[] GZIPPED = EdgeHandler.gzip("console.log('pre-compressed')".getBytes(StandardCharsets.UTF_8));

  static S3Client s3;
  static MutableClock clock;
  static LocalEdge edge;
  static Http http;
  static DistributionView site;

  @BeforeAll
  static void start() {
    // Seeded without checksums: S3Mock would otherwise store the upload's aws-chunked framing as an encoding.
    s3 = EmbeddedS3.clientWithoutChecksums();
    EmbeddedS3.bucket(BUCKET);
    put(s3, "static/app.js", JS.getBytes(StandardCharsets.UTF_8), "application/javascript", "public, max-age=31536000, immutable", null, Map.of("build", "3f9c2e"));
    put(s3, "static/raw/lib.js", JS.getBytes(StandardCharsets.UTF_8), "application/javascript", null, null, Map.of());
    put(s3, "static/vendor.js", GZIPPED, "application/javascript", "public, max-age=60", "gzip", Map.of());
    put(s3, "static/index.html", "<h1>home</h1>".getBytes(StandardCharsets.UTF_8), "text/html", "no-cache", null, Map.of());
    put(s3, "static/404.html", "<h1>not here</h1>".getBytes(StandardCharsets.UTF_8), "text/html", "max-age=10", null, Map.of());
    put(s3, "static/a b/ünï.css", "body{}".getBytes(StandardCharsets.UTF_8), "text/css", null, null, Map.of());
    put(s3, "static/empty.txt", new byte[0], "text/plain", null, null, Map.of());
    s3.putObject(r -> r.bucket(BUCKET).key("static/report.pdf").contentType("application/pdf").contentDisposition("attachment; filename=\"r.pdf\"")
        .contentLanguage("en"), RequestBody.fromBytes(bytes(5000)));

    clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    edge = LocalEdge.builder(s3).clock(clock).deployDelay(Duration.ofSeconds(10)).threads(4).start();
    http = new Http(edge);
    String oac = edge.putOriginAccessControl(ACCOUNT, OriginAccessControlConfig.builder().name("assets-oac").signingBehavior("always")
        .signingProtocol("sigv4").originAccessControlOriginType("s3").build());
    String headers = edge.putResponseHeadersPolicy(ACCOUNT, ResponseHeadersPolicyConfig.builder()
        .name("assets-cors")
        .corsConfig(c -> c.accessControlAllowOrigins(o -> o.quantity(1).items("https://www.example.com"))
            .accessControlAllowHeaders(h -> h.quantity(1).items("*"))
            .accessControlAllowMethods(m -> m.quantity(3).itemsWithStrings("GET", "HEAD", "OPTIONS"))
            .accessControlAllowCredentials(false)
            .accessControlMaxAgeSec(600)
            .originOverride(true))
        .securityHeadersConfig(s -> s.contentTypeOptions(o -> o.override(true))
            .strictTransportSecurity(t -> t.override(true).includeSubdomains(true).preload(false).accessControlMaxAgeSec(31536000)))
        .customHeadersConfig(c -> c.quantity(2).items(
            h -> h.header("X-Content-Source").value("web-assets").override(false),
            h -> h.header("Cache-Control").value("max-age=5").override(false)))
        .build());
    site = edge.importDistribution("E2QWRUHAPOMQZL", "d111111abcdef8.cloudfront.net", ACCOUNT,
        DistributionConfigs.s3(BUCKET, "us-east-1")
            .aliases(HOST)
            .originPath("/static")
            .originAccessControl(oac)
            .defaultRootObject("index.html")
            .errorResponse(404, "/404.html", 404)
            .responseHeadersPolicy(headers)
            .allowedMethods("GET", "HEAD", "OPTIONS")
            .behavior("/raw/*", false, null)
            .build());
  }

  @AfterAll
  static void stop() {
    edge.close();
    s3.close();
  }

  @Test
  void an_object_is_served_with_its_own_headers_the_policys_and_cloudfronts() {
    var r = http.get(HOST, "/report.pdf");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(bytes(5000));
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"r.pdf\"");
    assertThat(r.headers().firstValue("Content-Language")).hasValue("en");
    assertThat(r.headers().firstValue("Content-Length")).hasValue("5000");
    assertThat(r.headers().firstValue("ETag")).hasValueSatisfying(e -> assertThat(e).startsWith("\""));
    assertThat(r.headers().firstValue("Last-Modified")).hasValueSatisfying(v -> assertThat(v).endsWith(" GMT"));
    // Custom headers that do not override fill in only what the object lacks.
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("max-age=5");
    assertThat(r.headers().firstValue("X-Content-Source")).hasValue("web-assets");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains");
    assertThat(r.headers().firstValue("Via")).hasValueSatisfying(v -> assertThat(v).matches("1\\.1 [0-9a-f]{32}\\.cloudfront\\.net \\(CloudFront\\)"));
    assertThat(r.headers().firstValue("X-Amz-Cf-Pop")).hasValue("LCL50-C1");
    assertThat(r.headers().firstValue("X-Amz-Cf-Id")).hasValueSatisfying(v -> assertThat(v).hasSize(56));
    assertThat(r.headers().firstValue("X-Cache")).hasValueSatisfying(v -> assertThat(v).endsWith(" from cloudfront"));

    var app = http.get(HOST, "/app.js");
    assertThat(app.headers().firstValue("Cache-Control")).as("the object's own").hasValue("public, max-age=31536000, immutable");
    assertThat(app.headers().firstValue("x-amz-meta-build")).hasValue("3f9c2e");
    assertThat(Http.text(app)).isEqualTo(JS);
  }

  @Test
  void the_second_request_for_a_key_is_a_hit() {
    http.get(HOST, "/index.html");
    assertThat(http.get(HOST, "/index.html").headers().firstValue("X-Cache")).hasValue("Hit from cloudfront");
  }

  @Test
  void the_root_is_the_default_root_object_behind_the_origin_path_and_keys_are_the_decoded_path() {
    assertThat(Http.text(http.get(HOST, "/"))).isEqualTo("<h1>home</h1>");
    assertThat(Http.text(http.get(HOST, "/a%20b/%C3%BCn%C3%AF.css"))).isEqualTo("body{}");
    var empty = http.get(HOST, "/empty.txt");
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(empty.body()).isEmpty();
    assertThat(empty.headers().firstValue("Content-Length")).hasValue("0");
  }

  @Test
  void a_missing_key_gets_the_custom_error_page_with_its_response_code() {
    var r = http.get(HOST, "/nope.js");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(Http.text(r)).isEqualTo("<h1>not here</h1>");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html");
    assertThat(r.headers().firstValue("X-Cache")).hasValue("Error from cloudfront");
    // Through its own domain name too; a HEAD gets the status without the body.
    var head = http.head("d111111abcdef8.cloudfront.net", "/nope.js");
    assertThat(head.statusCode()).isEqualTo(404);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void conditional_requests_are_answered_304_or_412() {
    var first = http.get(HOST, "/app.js");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

    var unchanged = http.get(HOST, "/app.js", "If-None-Match", etag);
    assertThat(unchanged.statusCode()).isEqualTo(304);
    assertThat(unchanged.body()).isEmpty();
    assertThat(unchanged.headers().firstValue("ETag")).hasValue(etag);
    assertThat(http.get(HOST, "/app.js", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    assertThat(http.get(HOST, "/app.js", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
    assertThat(http.get(HOST, "/app.js", "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").statusCode()).isEqualTo(200);
    assertThat(http.get(HOST, "/app.js", "If-Match", "\"other\"").statusCode()).isEqualTo(412);
    assertThat(http.get(HOST, "/app.js", "If-Match", etag).statusCode()).isEqualTo(200);
  }

  @Test
  void a_byte_range_is_answered_206_and_a_range_past_the_end_416() {
    byte[] all = bytes(5000);

    var middle = http.get(HOST, "/report.pdf", "Range", "bytes=100-199");
    assertThat(middle.statusCode()).isEqualTo(206);
    assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(all, 100, 200));
    assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 100-199/5000");

    var tail = http.get(HOST, "/report.pdf", "Range", "bytes=-10");
    assertThat(tail.headers().firstValue("Content-Range")).hasValue("bytes 4990-4999/5000");
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(all, 4990, 5000));

    assertThat(http.get(HOST, "/report.pdf", "Range", "bytes=4990-99999").headers().firstValue("Content-Range")).hasValue("bytes 4990-4999/5000");

    var past = http.get(HOST, "/report.pdf", "Range", "bytes=5000-");
    assertThat(past.statusCode()).isEqualTo(416);
    assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */5000");
  }

  @Test
  void compressible_objects_are_gzipped_for_viewers_that_accept_it_and_stored_encodings_pass_through() throws IOException {
    var gz = http.get(HOST, "/app.js", "Accept-Encoding", "gzip, br");
    assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(JS);

    assertThat(http.get(HOST, "/app.js").headers().firstValue("Content-Encoding")).as("no Accept-Encoding").isEmpty();
    var raw = http.get(HOST, "/raw/lib.js", "Accept-Encoding", "gzip");
    assertThat(raw.headers().firstValue("Content-Encoding")).as("the /raw/* behaviour has Compress off").isEmpty();
    assertThat(raw.headers().firstValue("X-Content-Source")).as("and no response headers policy").isEmpty();
    assertThat(Http.text(raw)).isEqualTo(JS);

    var stored = http.get(HOST, "/vendor.js", "Accept-Encoding", "gzip");
    assertThat(stored.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(stored.body()).as("sent as stored").isEqualTo(GZIPPED);
    var storedToAnyone = http.get(HOST, "/vendor.js");
    assertThat(storedToAnyone.headers().firstValue("Content-Encoding")).as("S3 metadata, whatever the viewer accepts").hasValue("gzip");
  }

  @Test
  void cors_answers_the_allowed_origin_and_preflights() {
    var allowed = http.get(HOST, "/app.js", "Origin", "https://www.example.com");
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://www.example.com");
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).as("preflight only").isEmpty();
    assertThat(http.get(HOST, "/app.js", "Origin", "https://evil.example").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    var preflight = http.send(HOST, "/app.js", "OPTIONS", "Origin", "https://www.example.com", "Access-Control-Request-Method", "GET");
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, HEAD, OPTIONS");
    assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("600");

    assertThat(http.send(HOST, "/app.js", "DELETE").statusCode()).as("a method the behaviour does not allow").isEqualTo(403);
  }

  @Test
  void a_head_request_gets_the_length_without_the_body() {
    var head = http.head(HOST, "/report.pdf");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).hasValue("5000");
    assertThat(head.body()).isEmpty();
  }

  @Test
  void a_fault_fails_exactly_its_fraction_of_requests_until_cleared() {
    edge.fault(site.id(), 503, 0.25);
    int failed = 0;
    for (int i = 0; i < 40; i++) {
      int status = http.get(HOST, "/index.html").statusCode();
      assertThat(status).isIn(200, 503);
      failed += status == 503 ? 1 : 0;
    }
    edge.clearFault(site.id());

    assertThat(failed).isEqualTo(10);
    assertThat(http.get(HOST, "/index.html").statusCode()).isEqualTo(200);
  }

  @Test
  void concurrent_viewers_are_all_answered_and_all_counted() throws Exception {
    long before = edge.metrics().requests(site.id());
    java.util.concurrent.atomic.AtomicInteger ok = new java.util.concurrent.atomic.AtomicInteger();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(16)) {
      for (int i = 0; i < 400; i++) {
        String path = i % 2 == 0 ? "/app.js" : "/report.pdf";
        pool.execute(() -> {
          if (http.get(HOST, path).statusCode() == 200) {
            ok.incrementAndGet();
          }
        });
      }
    }
    assertThat(ok.get()).isEqualTo(400);
    assertThat(edge.metrics().requests(site.id()) - before).isEqualTo(400);
  }

  private static void put(S3Client s3, String key, byte[] body, String type, String cacheControl, String encoding, Map<String, String> metadata) {
    s3.putObject(r -> r.bucket(BUCKET).key(key).contentType(type).cacheControl(cacheControl).contentEncoding(encoding).metadata(metadata),
        RequestBody.fromBytes(body));
  }

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }
}
