package dev.cutover.logscan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.json.Json;
import dev.cutover.logscan.aws.S3ReportBucket;
import dev.cutover.logscan.port.BucketRef;
import dev.cutover.logscan.support.LogScanPayloads;
import dev.cutover.queries.aws.AthenaTarget;
import dev.cutover.queries.duckdb.DuckDbQueries;
import dev.cutover.queries.port.QueryEngine;
import dev.cutover.queries.sql.QueryTokens;
import dev.cutover.queries.support.CloudFrontLogs.Client;
import dev.cutover.queries.support.CloudFrontLogs.Request;
import dev.cutover.queries.support.CloudFrontLogs;
import dev.cutover.testing.EmbeddedS3;
import dev.cutover.testing.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The handler end to end on the local stand-ins: the log scan query on DuckDB over generated
 * standard log files, the ranked list written to the embedded S3 server through the real S3
 * adapter. The expected list is counted from the generated requests' keys.
 */
@ExtendWith(EmbeddedS3.class)
class LogScanHandlerTest {

  static final String REPORTS = "logscan-reports";
  static final String TABLE = "blue_cloudfront";
  static final Instant NOW = Instant.parse("2026-11-24T09:40:12Z");
  static final String WINDOW_END = "2026-11-24T09:15:30.123Z";
  static final Instant END = Instant.parse("2026-11-24T09:15:30Z");
  static final Instant START = END.minus(Duration.ofDays(7));
  static final String LIST_KEY = "cutover/assets-to-platform-account/logscan/nightly-2026-11-24/top-keys.jsonl";

  /** Requested keys and their eligible requests: a few hot ones, a long tail past two verify batches. */
  static final Map<String, Integer> POPULARITY = new LinkedHashMap<>();

  static {
    POPULARITY.put("static/app.3f9c2e.js", 120);
    POPULARITY.put("static/a b+c.css", 80);
    POPULARITY.put("static/ünïcødé 100%.svg", 80);
    POPULARITY.put("static/index.html", 30);
    for (int i = 0; i < 1_231; i++) {
      POPULARITY.put("static/tail/%04d.js".formatted(i), 1 + i % 2);
    }
    POPULARITY.put("robots.txt", 300);
  }

  @TempDir static Path traffic;

  private static final List<Request> REQUESTS = new ArrayList<>();
  private static final Map<String, Long> ELIGIBLE = new LinkedHashMap<>();

  private DuckDbQueries duck;
  private final List<AthenaTarget> targets = new ArrayList<>();
  private final List<BucketRef> buckets = new ArrayList<>();

  @BeforeAll
  static void generate() {
    Random random = new Random(6);
    Client[] clients = Client.values();
    POPULARITY.forEach((key, count) -> {
      for (int i = 0; i < count; i++) {
        Instant at = START.plusSeconds(random.nextLong(Duration.between(START, END).toSeconds()));
        REQUESTS.add(Request.of(at, LogScanPayloads.BLUE_DISTRIBUTION, "GET", 200, key, clients[random.nextInt(clients.length)]));
      }
      // Not counted: an error, a request after the window, green's distribution.
      REQUESTS.add(Request.of(START.plusSeconds(60), LogScanPayloads.BLUE_DISTRIBUTION, "GET", 404, key, Client.BROWSER));
      REQUESTS.add(Request.of(END.plusSeconds(5), LogScanPayloads.BLUE_DISTRIBUTION, "GET", 200, key, Client.BROWSER));
      REQUESTS.add(Request.of(START.plusSeconds(60), "E3ABCDEF123456", "GET", 200, key, Client.BROWSER));
      if (key.startsWith("static/")) {
        ELIGIBLE.put(key, (long) count);
      }
    });
    CloudFrontLogs.write(traffic, REQUESTS, 500, 11);
  }

  @BeforeEach
  void open() throws Exception {
    EmbeddedS3.bucket(REPORTS);
    duck = DuckDbQueries.inMemory();
    duck.createCloudFrontLogView(TABLE, traffic);
  }

  @AfterEach
  void close() {
    duck.close();
  }

  @Test
  void the_ranked_keys_go_to_the_report_bucket_and_the_result_points_at_them_in_verify_sized_windows() throws Exception {
    ObjectNode payload = LogScanPayloads.payload(LogScanPayloads.plan(REPORTS, "static/", 7, 100_000), TABLE);
    payload.put("windowEnd", WINDOW_END);

    JsonNode result = handle(payload);

    List<String> lines = listLines();
    List<Map.Entry<String, Long>> expected = expectedRanking();
    assertThat(lines).hasSize(1_235);
    for (int i = 0; i < lines.size(); i++) {
      JsonNode line = Json.mapper().readTree(lines.get(i));
      assertThat(line.size()).isEqualTo(2);
      assertThat(line.path("key").asText()).isEqualTo(expected.get(i).getKey());
      assertThat(line.path("requests").asLong()).isEqualTo(expected.get(i).getValue());
    }
    assertThat(lines.get(0)).isEqualTo("{\"key\":\"static/app.3f9c2e.js\",\"requests\":120}");
    assertThat(lines.get(1)).isEqualTo("{\"key\":\"static/a b+c.css\",\"requests\":80}");
    assertThat(lines.get(2)).isEqualTo("{\"key\":\"static/ünïcødé 100%.svg\",\"requests\":80}");

    long total = ELIGIBLE.values().stream().mapToLong(Long::longValue).sum();
    assertThat(result.path("migrationId").asText()).isEqualTo("assets-to-platform-account");
    assertThat(result.path("distributionId").asText()).isEqualTo(LogScanPayloads.BLUE_DISTRIBUTION);
    assertThat(result.path("windowDays").asInt()).isEqualTo(7);
    assertThat(result.path("windowStart").asText()).isEqualTo("2026-11-17T09:15:30Z");
    assertThat(result.path("windowEnd").asText()).isEqualTo("2026-11-24T09:15:30Z");
    assertThat(result.path("topN").asInt()).isEqualTo(100_000);
    assertThat(result.path("keys").asLong()).isEqualTo(1_235);
    assertThat(result.path("requests").asLong()).isEqualTo(total);
    assertThat(result.path("distinctKeys").asLong()).isEqualTo(1_235);
    assertThat(result.path("allRequests").asLong()).isEqualTo(total);
    assertThat(result.path("examples")).hasSize(LogScanStep.EXAMPLES);
    assertThat(result.path("examples").get(3).toString()).isEqualTo("{\"key\":\"static/index.html\",\"requests\":30}");
    String uri = "s3://" + REPORTS + "/" + LIST_KEY;
    assertThat(result.path("topKeys").toString()).isEqualTo("{\"bucket\":\"" + REPORTS + "\",\"key\":\"" + LIST_KEY + "\",\"uri\":\"" + uri + "\"}");
    assertThat(result.path("verifyKeysFrom").toString())
        .isEqualTo("[{\"uri\":\"" + uri + "\",\"offset\":0,\"limit\":1000},{\"uri\":\"" + uri + "\",\"offset\":1000,\"limit\":235}]");
    assertThat(result.path("queryId").asText()).isEqualTo("duckdb-1");
    assertThat(result.path("bytesScanned").isNull()).isTrue();

    assertThat(duck.ran()).singleElement().satisfies(q -> {
      assertThat(q.name()).isEqualTo("logscan-top-keys");
      assertThat(q.idempotencyToken()).isEqualTo(QueryTokens.of(LogScanPayloads.EXECUTION_ID, "ScanLogs", "logscan-top-keys@2026-11-24T09:15:30Z"));
    });
    assertThat(targets).containsExactly(new AthenaTarget("AwsDataCatalog", "cutover_logs", "cutover", "s3://platform-cutover-athena/results/"));
    assertThat(buckets)
        .containsExactly(
            new BucketRef(REPORTS, "us-east-1", "arn:aws:iam::444455556666:role/cutover-target", "assets-to-platform-account", "444455556666"));
    GetObjectResponse head = listObject().response();
    assertThat(head.contentType()).isEqualTo("application/x-ndjson");
  }

  @Test
  void a_retry_scans_the_same_window_under_the_same_token_and_rewrites_the_same_list() throws Exception {
    ObjectNode payload = LogScanPayloads.payload(LogScanPayloads.plan(REPORTS, "static/", 7, 3), TABLE);
    payload.put("windowEnd", WINDOW_END);

    JsonNode first = handle(payload);
    List<String> firstList = listLines();
    JsonNode second = handle(payload);

    assertThat(listLines()).isEqualTo(firstList).hasSize(3);
    assertThat(duck.ran()).hasSize(2);
    assertThat(duck.ran().get(1)).isEqualTo(duck.ran().get(0));
    assertThat(second.path("topKeys")).isEqualTo(first.path("topKeys"));
    assertThat(second.path("keys").asLong()).isEqualTo(3);
    assertThat(second.path("distinctKeys").asLong()).isEqualTo(1_235);
    assertThat(second.path("verifyKeysFrom")).hasSize(1);
  }

  @Test
  void without_a_window_end_the_window_ends_at_the_start_of_the_current_hour() throws Exception {
    JsonNode result = handle(LogScanPayloads.payload(LogScanPayloads.plan(REPORTS, "static/", 3, 10), TABLE));

    assertThat(result.path("windowEnd").asText()).isEqualTo("2026-11-24T09:00:00Z");
    assertThat(result.path("windowStart").asText()).isEqualTo("2026-11-21T09:00:00Z");
    assertThat(duck.ran().get(0).idempotencyToken())
        .isEqualTo(QueryTokens.of(LogScanPayloads.EXECUTION_ID, "ScanLogs", "logscan-top-keys@2026-11-24T09:00:00Z"));
    // Only requests of the last three days count.
    long inWindow =
        REQUESTS.stream()
            .filter(r -> r.distributionId().equals(LogScanPayloads.BLUE_DISTRIBUTION) && r.status() == 200)
            .filter(r -> !r.at().isBefore(Instant.parse("2026-11-21T09:00:00Z")) && r.at().isBefore(Instant.parse("2026-11-24T09:00:00Z")))
            .filter(r -> r.stem().startsWith("/static/"))
            .count();
    assertThat(result.path("allRequests").asLong()).isEqualTo(inWindow).isLessThan(ELIGIBLE.values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void a_window_without_a_single_request_is_an_error_that_says_what_to_check_and_writes_nothing() {
    ObjectNode payload = LogScanPayloads.payload(LogScanPayloads.plan(REPORTS, "assets/", 7, 10), TABLE);
    payload.put("windowEnd", WINDOW_END);
    payload.put("executionId", "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:empty-run");

    Throwable thrown = catchThrowable(() -> handle(payload));

    assertThat(thrown)
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("found no request for a key under \"assets/\"")
        .hasMessageContaining("distribution E2QWRUHAPOMQZL")
        .hasMessageContaining("2026-11-17T09:15:30Z to 2026-11-24T09:15:30Z")
        .hasMessageContaining("cutover_logs.blue_cloudfront")
        .hasMessageContaining("projection.year.range");
    assertThat(EmbeddedS3.client().listObjectsV2(r -> r.bucket(REPORTS).prefix("cutover/assets-to-platform-account/logscan/empty-run/")).contents())
        .isEmpty();
  }

  private JsonNode handle(ObjectNode payload) throws Exception {
    QueryEngine engine =
        (plan, target) -> {
          targets.add(target);
          return duck;
        };
    LogScanHandler handler =
        new LogScanHandler(
            engine,
            ref -> {
              buckets.add(ref);
              return new S3ReportBucket(EmbeddedS3.client(), ref.bucket(), null);
            },
            Clock.fixed(NOW, ZoneOffset.UTC));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(Json.write(payload).getBytes(StandardCharsets.UTF_8)), out, new FakeContext("cutover-logscan"));
    return Json.mapper().readTree(out.toByteArray());
  }

  private static ResponseBytes<GetObjectResponse> listObject() {
    return EmbeddedS3.client().getObjectAsBytes(r -> r.bucket(REPORTS).key(LIST_KEY));
  }

  private static List<String> listLines() {
    return listObject().asUtf8String().lines().toList();
  }

  /** The keys under static/ by requests, then by UTF-8 bytes. */
  private static List<Map.Entry<String, Long>> expectedRanking() {
    return ELIGIBLE.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(e -> e.getKey().getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned))
        .toList();
  }
}
