package dev.cutover.logscan;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.json.Json;
import dev.cutover.logscan.port.ReportBucket;
import dev.cutover.logscan.port.ReportLocation;
import dev.cutover.logscan.support.LogScanPayloads;
import dev.cutover.queries.aws.AthenaQueries;
import dev.cutover.queries.aws.Polling;
import dev.cutover.queries.sql.QueryTokens;
import dev.cutover.testing.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;

/**
 * The handler on the Athena adapter against a WireMock Athena (AWS JSON 1.1, bodies shaped as the
 * "Response Syntax" sections of the Amazon Athena API Reference): what it sends, the bytes Athena
 * reports, and the workgroup's bytes-scanned cutoff as a clear cost error.
 */
class LogScanAthenaTest {

  static final String ID = "c0ffee00-5678-90ab-cdef-444455556666";
  static final Instant NOW = Instant.parse("2026-11-24T09:40:12Z");
  static final String COLUMNS = "request_rank,key,requests,distinct_keys,all_requests";

  @RegisterExtension
  static final WireMockExtension ATHENA = WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

  private final AthenaClient client =
      AthenaClient.builder()
          .httpClient(UrlConnectionHttpClient.builder().build())
          .region(Region.US_EAST_1)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATARGET0000000000", "secret")))
          .endpointOverride(URI.create("http://127.0.0.1:" + ATHENA.getPort()))
          .build();
  private final Map<String, String> written = new ConcurrentHashMap<>();

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void the_scan_reports_the_bytes_athena_scanned_and_a_retry_asks_for_the_same_query_by_its_token() throws Exception {
    ATHENA.stubFor(call("StartQueryExecution").willReturn(ok("{\"QueryExecutionId\": \"" + ID + "\"}")));
    ATHENA.stubFor(call("GetQueryExecution").willReturn(ok(execution("SUCCEEDED", null, 7_516_192_768L))));
    ATHENA.stubFor(call("GetQueryResults").willReturn(ok(results(List.of(List.of("1", "static/app.js", "900", "2", "1000"), List.of("2", "static/a b.css", "100", "2", "1000"))))));
    ObjectNode payload = LogScanPayloads.payload(LogScanPayloads.plan("platform-cutover-reports", "static/", 7, 1000), "blue_cloudfront");
    payload.put("windowEnd", "2026-11-24T09:15:30.123Z");

    JsonNode result = handle(payload);
    handle(payload);

    assertThat(result.path("queryId").asText()).isEqualTo(ID);
    assertThat(result.path("bytesScanned").asLong()).isEqualTo(7_516_192_768L);
    assertThat(result.path("keys").asLong()).isEqualTo(2);
    assertThat(result.path("requests").asLong()).isEqualTo(1000);
    assertThat(written.get("cutover/assets-to-platform-account/logscan/nightly-2026-11-24/top-keys.jsonl"))
        .isEqualTo("{\"key\":\"static/app.js\",\"requests\":900}\n{\"key\":\"static/a b.css\",\"requests\":100}\n");
    List<LoggedRequest> starts = ATHENA.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonAthena.StartQueryExecution")));
    assertThat(starts).hasSize(2);
    JsonNode first = Json.mapper().readTree(starts.get(0).getBodyAsString());
    JsonNode second = Json.mapper().readTree(starts.get(1).getBodyAsString());
    assertThat(second).as("a retry sends the same request, which Athena answers with the same query").isEqualTo(first);
    assertThat(first.path("ClientRequestToken").asText())
        .isEqualTo(QueryTokens.of(LogScanPayloads.EXECUTION_ID, "ScanLogs", "logscan-top-keys@2026-11-24T09:15:30Z"));
    assertThat(first.path("WorkGroup").asText()).isEqualTo("cutover");
    assertThat(first.path("QueryExecutionContext").path("Database").asText()).isEqualTo("cutover_logs");
    assertThat(first.path("ResultConfiguration").path("OutputLocation").asText()).isEqualTo("s3://platform-cutover-athena/results/");
    assertThat(first.path("QueryString").asText()).contains("FROM \"blue_cloudfront\" AS l");
    assertThat(first.path("ExecutionParameters").toString())
        .isEqualTo("[\"'E2QWRUHAPOMQZL'\",\"2026\",\"2026\",\"2026111708\",\"2026112509\",\"'2026-11-17 09:15:30'\",\"'2026-11-24 09:15:30'\",\"''\",\"'static/'\",\"1000\"]");
  }

  @Test
  void the_workgroups_bytes_scanned_cutoff_is_a_cost_error_naming_the_limit_and_nothing_is_written() {
    ATHENA.stubFor(call("StartQueryExecution").willReturn(ok("{\"QueryExecutionId\": \"" + ID + "\"}")));
    ATHENA.stubFor(call("GetQueryExecution").willReturn(ok(execution("CANCELLED", "Bytes scanned limit was exceeded", 10_737_418_240L))));
    ATHENA.stubFor(call("GetWorkGroup").willReturn(ok("""
        {
          "WorkGroup": {
            "Configuration": {
              "BytesScannedCutoffPerQuery": 10737418240,
              "EnforceWorkGroupConfiguration": true,
              "EngineVersion": {"EffectiveEngineVersion": "Athena engine version 3", "SelectedEngineVersion": "AUTO"},
              "PublishCloudWatchMetricsEnabled": true,
              "RequesterPaysEnabled": false,
              "ResultConfiguration": {"OutputLocation": "s3://platform-cutover-athena/results/"}
            },
            "CreationTime": 1795000000.0,
            "Name": "cutover",
            "State": "ENABLED"
          }
        }""")));
    ObjectNode payload = LogScanPayloads.payload(LogScanPayloads.plan("platform-cutover-reports", "static/", 90, 100_000), "blue_cloudfront");

    Throwable thrown = catchThrowable(() -> handle(payload));

    assertThat(thrown)
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("Athena cancelled query logscan-top-keys (" + ID + ") after scanning 10737418240 bytes")
        .hasMessageContaining("workgroup cutover allows, its per-query data usage limit of 10737418240 bytes (10.0 GiB)")
        .hasMessageContaining("BytesScannedCutoffPerQuery");
    assertThat(written).isEmpty();
    assertThat(ATHENA.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonAthena.StartQueryExecution"))))
        .as("not retried: a retry pays for the same scan").hasSize(1);
  }

  private JsonNode handle(ObjectNode payload) throws IOException {
    Polling fast = new Polling(Duration.ofMillis(1), 1.0, Duration.ofMillis(1), Duration.ofSeconds(5), 3, 1000);
    ReportBucket memory =
        (key, file, contentType) -> {
          try {
            written.put(key, Files.readString(file, StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return new ReportLocation("platform-cutover-reports", key);
        };
    LogScanHandler handler =
        new LogScanHandler((plan, target) -> new AthenaQueries(client, target, fast, d -> {}), ref -> memory, Clock.fixed(NOW, ZoneOffset.UTC));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(Json.write(payload).getBytes(StandardCharsets.UTF_8)), out, new FakeContext("cutover-logscan"));
    return Json.mapper().readTree(out.toByteArray());
  }

  private static MappingBuilder call(String operation) {
    return post("/").withHeader("X-Amz-Target", equalTo("AmazonAthena." + operation));
  }

  private static ResponseDefinitionBuilder ok(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
  }

  /** GetQueryExecution's response. */
  private static String execution(String state, String reason, long scanned) {
    return """
        {
          "QueryExecution": {
            "EngineVersion": {"EffectiveEngineVersion": "Athena engine version 3", "SelectedEngineVersion": "AUTO"},
            "Query": "WITH requests AS (...)",
            "QueryExecutionContext": {"Catalog": "AwsDataCatalog", "Database": "cutover_logs"},
            "QueryExecutionId": "%1$s",
            "ResultConfiguration": {"OutputLocation": "s3://platform-cutover-athena/results/%1$s.csv"},
            "StatementType": "DML",
            "Statistics": {"DataScannedInBytes": %4$d, "EngineExecutionTimeInMillis": 48113, "TotalExecutionTimeInMillis": 48390},
            "Status": {
              %3$s
              "State": "%2$s",
              "SubmissionDateTime": 1795944600.123
            },
            "WorkGroup": "cutover"
          }
        }
        """.formatted(ID, state, reason == null ? "" : "\"StateChangeReason\": \"" + reason + "\",", scanned);
  }

  /** GetQueryResults's response: the header row, then {@code rows}, all varchar as Athena returns them. */
  private static String results(List<List<String>> rows) {
    StringBuilder info = new StringBuilder();
    StringBuilder data = new StringBuilder(row(List.of(COLUMNS.split(","))));
    for (String c : COLUMNS.split(",")) {
      info.append(info.isEmpty() ? "" : ",")
          .append("{\"CaseSensitive\": true, \"CatalogName\": \"hive\", \"Label\": \"%1$s\", \"Name\": \"%1$s\", \"Nullable\": \"UNKNOWN\", \"Precision\": 2147483647, \"Scale\": 0, \"SchemaName\": \"\", \"TableName\": \"\", \"Type\": \"varchar\"}".formatted(c));
    }
    rows.forEach(r -> data.append(',').append(row(r)));
    return "{\"ResultSet\": {\"ResultSetMetadata\": {\"ColumnInfo\": [" + info + "]}, \"Rows\": [" + data + "]}, \"UpdateCount\": 0}";
  }

  private static String row(List<String> values) {
    StringBuilder row = new StringBuilder("{\"Data\": [");
    for (int i = 0; i < values.size(); i++) {
      row.append(i == 0 ? "" : ",").append("{\"VarCharValue\": \"").append(values.get(i)).append("\"}");
    }
    return row.append("]}").toString();
  }
}
