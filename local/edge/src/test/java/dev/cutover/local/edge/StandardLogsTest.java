package dev.cutover.local.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.queries.duckdb.DuckDbQueries;
import dev.cutover.queries.logscan.TopKeys.RankedKey;
import dev.cutover.queries.logscan.TopKeys;
import dev.cutover.queries.sql.TableName;
import dev.cutover.testing.EmbeddedS3;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The edge's standard logs read by the log scan's own SQL ({@code logscan-top-keys.sql}) on DuckDB
 * through the same view the rehearsal's Athena uses: requests served over HTTP come back as the
 * ranked keys they were for — keys with spaces, a plus and non-ASCII characters included, the root
 * as the default root object — and errors, other distributions and requests outside the window
 * do not count.
 */
@ExtendWith(EmbeddedS3.class)
class StandardLogsTest {

  static final String BUCKET = "logs-assets";
  static final String HOST = "assets.example.com";
  static final String UNICODE = "static/ünïcødé/日本語.css";
  static final Instant START = Instant.parse("2026-11-24T09:58:00Z");

  @TempDir Path logs;

  private final MutableClock clock = new MutableClock(START);
  private final S3Client s3 = EmbeddedS3.clientWithoutChecksums();
  private LocalEdge edge;

  @AfterEach
  void stop() {
    if (edge != null) {
      edge.close();
    }
    s3.close();
  }

  @Test
  void the_log_scan_ranks_the_keys_requested_through_the_edge() throws Exception {
    EmbeddedS3.bucket(BUCKET);
    for (String key : List.of("static/app.js", "static/a b.js", "static/a+b.js", UNICODE, "static/index.html")) {
      s3.putObject(r -> r.bucket(BUCKET).key(key).contentType("text/plain"), RequestBody.fromString("body of " + key, StandardCharsets.UTF_8));
    }
    edge = LocalEdge.builder(s3).clock(clock).deployDelay(Duration.ofSeconds(1)).logDirectory(logs).threads(4).start();
    DistributionView blue = edge.importDistribution("E2QWRUHAPOMQZL", "d111111abcdef8.cloudfront.net", "111122223333",
        DistributionConfigs.s3(BUCKET, "us-east-1").aliases(HOST).defaultRootObject("static/index.html").build());
    DistributionView green = edge.importDistribution("E3ABCDEF123456", "d222222abcdef8.cloudfront.net", "444455556666",
        DistributionConfigs.s3(BUCKET, "us-east-1").aliases("*.example.com").build());
    Http http = new Http(edge);

    // Before the window: not counted.
    send(http, HOST, "/static/z-before.js", 1, 404);
    send(http, HOST, "/static/a+b.js", 9, 200);
    clock.advance(Duration.ofMinutes(1));
    Instant windowStart = clock.instant();
    send(http, HOST, "/static/app.js", 7, 200);
    send(http, HOST, "/static/a%20b.js", 5, 200);
    send(http, HOST, "/static/%C3%BCn%C3%AFc%C3%B8d%C3%A9/%E6%97%A5%E6%9C%AC%E8%AA%9E.css", 4, 200);
    // Into the next hour: another partition, same window.
    clock.advance(Duration.ofMinutes(2));
    send(http, HOST, "/static/a+b.js", 3, 200);
    send(http, HOST, "/", 2, 200);
    assertThat(http.head(HOST, "/static/app.js").statusCode()).isEqualTo(200);
    send(http, HOST, "/static/missing.js", 6, 404);
    send(http, "www.example.com", "/static/app.js", 10, 200);
    assertThat(Http.servedBy(http.get("www.example.com", "/static/app.js"))).isEqualTo(green.id());
    clock.advance(Duration.ofMinutes(1));
    Instant windowEnd = clock.instant();
    send(http, HOST, "/static/z-after.js", 1, 404);

    List<Path> files = edge.flushLogs();

    // Standard logging v2's Hive layout, one file per distribution and hour.
    assertThat(files).hasSize(3);
    assertThat(files).allSatisfy(f -> assertThat(logs.relativize(f).toString())
        .matches("distributionid=E[0-9A-Z]+/year=2026/month=11/day=24/hour=(09|10)/E[0-9A-Z]+\\.2026-11-24-(09|10)\\.[0-9a-f]{8}\\.gz"));
    List<String> lines = lines(files.stream().filter(f -> f.toString().contains("E2QWRUHAPOMQZL/year=2026/month=11/day=24/hour=10")).findFirst().orElseThrow());
    assertThat(lines.get(0)).isEqualTo("#Version: 1.0");
    assertThat(lines.get(1)).startsWith("#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status");
    assertThat(lines.subList(2, lines.size())).allSatisfy(l -> assertThat(l.split("\t", -1)).hasSize(33));
    String[] root = lines.stream().filter(l -> l.contains("\t/\t")).findFirst().orElseThrow().split("\t", -1);
    assertThat(root[0]).isEqualTo("2026-11-24");
    assertThat(root[3]).as("sc-bytes").matches("[1-9][0-9]*");
    assertThat(root[5]).isEqualTo("GET");
    assertThat(root[6]).isEqualTo("d111111abcdef8.cloudfront.net");
    assertThat(root[8]).isEqualTo("200");
    assertThat(root[15]).isEqualTo(HOST);
    assertThat(root[16]).isEqualTo("https");
    assertThat(lines(files.stream().filter(f -> f.toString().contains("E2QWRUHAPOMQZL/year=2026/month=11/day=24/hour=09")).findFirst().orElseThrow()))
        .as("a %-encoded path is encoded again in the log").anySatisfy(l -> assertThat(l).contains("\t/static/a%2520b.js\t"));

    List<RankedKey> ranked = new ArrayList<>();
    try (DuckDbQueries duck = DuckDbQueries.inMemory()) {
      duck.createCloudFrontLogView("cloudfront_logs", logs);
      TopKeys.Summary summary = TopKeys.run(duck,
          new TopKeys.Spec(TableName.of("cloudfront_logs"), blue.id(), windowStart, windowEnd, "static/", "static/index.html", 100),
          "0123456789abcdef0123456789abcdef", ranked::add);
      assertThat(summary.distinctKeys()).isEqualTo(5);
    }

    assertThat(ranked).containsExactly(
        new RankedKey(1, "static/app.js", 8),
        new RankedKey(2, "static/a b.js", 5),
        new RankedKey(3, UNICODE, 4),
        new RankedKey(4, "static/a+b.js", 3),
        new RankedKey(5, "static/index.html", 2));
  }

  @Test
  void without_a_log_directory_nothing_is_written_but_requests_are_still_counted() {
    EmbeddedS3.bucket(BUCKET);
    edge = LocalEdge.builder(s3).clock(clock).threads(2).start();
    DistributionView d = edge.importDistribution("E2QWRUHAPOMQZL", "d111111abcdef8.cloudfront.net", "111122223333",
        DistributionConfigs.s3(BUCKET, "us-east-1").aliases(HOST).build());
    new Http(edge).get(HOST, "/nothing.js");

    assertThat(edge.flushLogs()).isEmpty();
    assertThat(edge.logDirectory()).isEmpty();
    assertThat(edge.metrics().requests(d.id())).isEqualTo(1);
  }

  private static void send(Http http, String host, String path, int times, int expected) {
    for (int i = 0; i < times; i++) {
      assertThat(http.get(host, path).statusCode()).as(host + path).isEqualTo(expected);
    }
  }

  private static List<String> lines(Path gz) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
