package dev.cutover.queries.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.cutover.queries.aws.AthenaStub.call;
import static dev.cutover.queries.aws.AthenaStub.execution;
import static dev.cutover.queries.aws.AthenaStub.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import dev.cutover.queries.duckdb.DuckDbQueries;
import dev.cutover.queries.inventory.InventoryDiff;
import dev.cutover.queries.logscan.TopKeys;
import dev.cutover.queries.port.Query;
import dev.cutover.queries.port.ResultRows;
import dev.cutover.queries.sql.QueryTokens;
import dev.cutover.queries.sql.TableName;
import dev.cutover.queries.support.InventoryTables.Version;
import dev.cutover.queries.support.InventoryTables;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.athena.AthenaClient;

class AthenaQueriesTest {

  static final String ID = "a1b2c3d4-5678-90ab-cdef-111122223333";
  static final String EXECUTION = "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:nightly-2026-11-24";
  static final String TOKEN = QueryTokens.of(EXECUTION, "VerifyInventory", "inventory-diff");
  static final String DT = "2026-11-23-01-00";
  static final AthenaTarget TARGET =
      new AthenaTarget("AwsDataCatalog", "cutover_inventories", "cutover", "s3://platform-cutover-athena/results/");
  static final List<String> COLUMNS = List.of("category", "objects", "key");
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final WireMockExtension ATHENA = AthenaStub.extension();

  private final AthenaClient client = AthenaStub.client(ATHENA);
  private final List<Duration> slept = new ArrayList<>();

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void the_diff_is_started_under_its_token_with_its_parameters_and_read_page_by_page_without_the_header() throws Exception {
    ATHENA.stubFor(call("StartQueryExecution").willReturn(ok(AthenaStub.started(ID))));
    ATHENA.stubFor(call("GetQueryExecution").inScenario("run").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(ok(execution(ID, "QUEUED", null, null, 0))).willSetStateTo("running"));
    ATHENA.stubFor(call("GetQueryExecution").inScenario("run").whenScenarioStateIs("running")
        .willReturn(ok(execution(ID, "RUNNING", null, null, 0))).willSetStateTo("done"));
    ATHENA.stubFor(call("GetQueryExecution").inScenario("run").whenScenarioStateIs("done")
        .willReturn(ok(execution(ID, "SUCCEEDED", null, null, 734_003_200))));
    ATHENA.stubFor(call("GetQueryResults").withRequestBody(matchingJsonPath("$.NextToken", equalTo("page-2")))
        .willReturn(ok(AthenaStub.results(COLUMNS, List.of(Arrays.asList("objectsCompared", "3", null)), false, null))).atPriority(1));
    ATHENA.stubFor(call("GetQueryResults").atPriority(2)
        .willReturn(ok(AthenaStub.results(COLUMNS, List.of(List.of("missingOnTarget", "1", "static/ü \"q\".js"), List.of("extraOnTarget", "1", "static/x.js")), true, "page-2"))));
    Query query = diffQuery();

    ResultRows result = athena(Polling.DEFAULT).rows(query, 10);

    assertThat(result.queryId()).isEqualTo(ID);
    assertThat(result.columns()).containsExactly("category", "objects", "key");
    assertThat(result.rows()).extracting(r -> r.get("category")).containsExactly("missingOnTarget", "extraOnTarget", "objectsCompared");
    assertThat(result.rows().get(0).get("key")).isEqualTo("static/ü \"q\".js");
    assertThat(result.rows().get(2).get("key")).as("a Datum without VarCharValue is NULL").isNull();
    assertThat(result.rows().get(2).longValue("objects")).isEqualTo(3L);

    LoggedRequest start = single("StartQueryExecution");
    assertThat(start.getHeader("Content-Type")).isEqualTo(AthenaStub.JSON);
    JsonNode body = JSON.readTree(start.getBodyAsString());
    assertThat(body.path("ClientRequestToken").asText()).isEqualTo(TOKEN);
    assertThat(body.path("WorkGroup").asText()).isEqualTo("cutover");
    assertThat(body.path("QueryExecutionContext").path("Catalog").asText()).isEqualTo("AwsDataCatalog");
    assertThat(body.path("QueryExecutionContext").path("Database").asText()).isEqualTo("cutover_inventories");
    assertThat(body.path("ResultConfiguration").path("OutputLocation").asText()).isEqualTo("s3://platform-cutover-athena/results/");
    assertThat(texts(body.path("ExecutionParameters")))
        .containsExactly("'static/'", "FALSE", "TRUE", "20", "'" + DT + "'", "'" + DT + "'");
    assertThat(body.path("QueryString").asText()).isEqualTo(query.sql());

    List<LoggedRequest> polls = all("GetQueryExecution");
    assertThat(polls).hasSize(3).allSatisfy(r -> assertThat(JSON.readTree(r.getBodyAsString()).path("QueryExecutionId").asText()).isEqualTo(ID));
    assertThat(slept).containsExactly(Duration.ofMillis(500), Duration.ofMillis(750));
    List<LoggedRequest> reads = all("GetQueryResults");
    assertThat(reads).hasSize(2);
    JsonNode firstRead = JSON.readTree(reads.get(0).getBodyAsString());
    assertThat(firstRead.path("QueryExecutionId").asText()).isEqualTo(ID);
    assertThat(firstRead.path("MaxResults").asInt()).isEqualTo(1000);
    assertThat(firstRead.has("NextToken")).isFalse();
    assertThat(JSON.readTree(reads.get(1).getBodyAsString()).path("NextToken").asText()).isEqualTo("page-2");
  }

  @Test
  void athena_is_sent_byte_for_byte_the_sql_that_duckdb_runs_over_the_inventory_fixtures() throws Exception {
    ATHENA.stubFor(call("StartQueryExecution").willReturn(ok(AthenaStub.started(ID))));
    ATHENA.stubFor(call("GetQueryExecution").willReturn(ok(execution(ID, "SUCCEEDED", null, null, 1024))));
    ATHENA.stubFor(call("GetQueryResults").willReturn(ok(AthenaStub.results(COLUMNS, List.of(), true, null))));
    Query query = diffQuery();
    athena(Polling.DEFAULT).rows(query, 200);

    try (DuckDbQueries duck = DuckDbQueries.inMemory()) {
      InventoryTables.create(duck.connection(), "blue_inventory");
      InventoryTables.create(duck.connection(), "green_inventory");
      InventoryTables.insert(duck.connection(), "blue_inventory", "legacy-web-assets", DT, List.of(Version.live("static/a.js", 1, "e")));
      ResultRows local = duck.rows(query, 200);
      assertThat(local.rows()).extracting(r -> r.get("category")).contains("missingOnTarget");

      byte[] sentToAthena = JSON.readTree(single("StartQueryExecution").getBodyAsString()).path("QueryString").asText().getBytes(StandardCharsets.UTF_8);
      byte[] ranOnDuckDb = duck.ran().get(0).sql().getBytes(StandardCharsets.UTF_8);
      assertThat(sentToAthena).isEqualTo(ranOnDuckDb);
    }
  }

  @Test
  void the_log_scan_reads_its_ranked_keys_page_by_page_and_reports_the_bytes_athena_scanned() throws Exception {
    List<String> columns = List.of("request_rank", "key", "requests", "distinct_keys", "all_requests");
    ATHENA.stubFor(call("StartQueryExecution").willReturn(ok(AthenaStub.started(ID))));
    ATHENA.stubFor(call("GetQueryExecution").willReturn(ok(execution(ID, "SUCCEEDED", null, null, 52_428_800_000L))));
    ATHENA.stubFor(call("GetQueryResults").withRequestBody(matchingJsonPath("$.NextToken", equalTo("page-2")))
        .willReturn(ok(AthenaStub.results(columns, List.of(List.of("3", "static/a b.js", "7", "9", "140")), false, null))).atPriority(1));
    ATHENA.stubFor(call("GetQueryResults").atPriority(2)
        .willReturn(ok(AthenaStub.results(columns, List.of(List.of("1", "static/app.js", "100", "9", "140"), List.of("2", "static/ü.css", "20", "9", "140")), true, "page-2"))));
    TopKeys.Spec spec =
        new TopKeys.Spec(TableName.of("blue_cloudfront"), "E2QWRUHAPOMQZL", Instant.parse("2026-12-28T00:00:00Z"), Instant.parse("2027-01-04T00:00:00Z"), "static/", null, 3);
    String token = QueryTokens.of(EXECUTION, "ScanLogs", "logscan-top-keys");
    List<TopKeys.RankedKey> keys = new ArrayList<>();

    TopKeys.Summary summary = TopKeys.run(athena(Polling.DEFAULT), spec, token, keys::add);

    assertThat(keys).extracting(TopKeys.RankedKey::key).containsExactly("static/app.js", "static/ü.css", "static/a b.js");
    assertThat(summary).isEqualTo(new TopKeys.Summary(ID, 52_428_800_000L, 3, 127, 9, 140));
    JsonNode body = JSON.readTree(single("StartQueryExecution").getBodyAsString());
    assertThat(body.path("ClientRequestToken").asText()).isEqualTo(token);
    assertThat(body.path("QueryString").asText()).isEqualTo(TopKeys.query(spec, token).sql());
    // A window across New Year reads the partitions of both years.
    assertThat(texts(body.path("ExecutionParameters")))
        .containsExactly("'E2QWRUHAPOMQZL'", "2026", "2027", "2026122723", "2027010500", "'2026-12-28 00:00:00'", "'2027-01-04 00:00:00'", "''", "'static/'", "3");
  }

  @Test
  void a_query_without_placeholders_sends_no_execution_parameters_and_the_workgroups_result_location() throws Exception {
    ATHENA.stubFor(call("StartQueryExecution").willReturn(ok(AthenaStub.started(ID))));
    ATHENA.stubFor(call("GetQueryExecution").willReturn(ok(execution(ID, "SUCCEEDED", null, null, 0))));
    ATHENA.stubFor(call("GetQueryResults").willReturn(ok(AthenaStub.results(List.of("dt"), List.of(List.of(DT)), true, null))));
    AthenaQueries athena = new AthenaQueries(client, new AthenaTarget("AwsDataCatalog", "cutover_inventories", "cutover", null), Polling.DEFAULT, slept::add);

    String dt = InventoryDiff.latestDt(athena, TableName.of("blue_inventory"), QueryTokens.of(EXECUTION, "VerifyInventory", "latest-dt-blue"));

    assertThat(dt).isEqualTo(DT);
    JsonNode body = JSON.readTree(single("StartQueryExecution").getBodyAsString());
    assertThat(body.has("ExecutionParameters")).as("Athena refuses an empty list").isFalse();
    assertThat(body.has("ResultConfiguration")).isFalse();
    assertThat(body.path("QueryString").asText()).endsWith("SELECT max(dt) AS dt FROM \"blue_inventory\"\n");
  }

  @Test
  void a_failed_query_is_a_precondition_failure_with_athenas_reason_and_error() {
    ATHENA.stubFor(call("StartQueryExecution").willReturn(ok(AthenaStub.started(ID))));
    ATHENA.stubFor(call("GetQueryExecution").willReturn(ok(execution(ID, "FAILED",
        "TABLE_NOT_FOUND: line 38:8: Table 'awsdatacatalog.cutover_inventories.blue_inventory' does not exist",
        AthenaStub.athenaError(2, 1000, false, "TABLE_NOT_FOUND"), 0))));

    PreconditionFailedException e = catchThrowableOfType(PreconditionFailedException.class, () -> athena(Polling.DEFAULT).rows(diffQuery(), 200));

    assertThat(e.getMessage())
        .contains("inventory-diff", ID, "workgroup cutover", "database cutover_inventories")
        .contains("Table 'awsdatacatalog.cutover_inventories.blue_inventory' does not exist")
        .contains("category USER, type 1000");
    assertThat(all("StartQueryExecution")).hasSize(1);
    assertThat(all("GetQueryResults")).isEmpty();
  }

  @Test
  void a_failure_athena_marks_retryable_starts_the_query_again_under_the_next_attempts_token() throws Exception {
    String second = "b2c3d4e5-6789-0abc-def1-222233334444";
    String retryToken = QueryTokens.attempt(TOKEN, 2);
    ATHENA.stubFor(call("StartQueryExecution").withRequestBody(matchingJsonPath("$.ClientRequestToken", equalTo(TOKEN)))
        .willReturn(ok(AthenaStub.started(ID))));
    ATHENA.stubFor(call("StartQueryExecution").withRequestBody(matchingJsonPath("$.ClientRequestToken", equalTo(retryToken)))
        .willReturn(ok(AthenaStub.started(second))));
    ATHENA.stubFor(call("GetQueryExecution").withRequestBody(matchingJsonPath("$.QueryExecutionId", equalTo(ID)))
        .willReturn(ok(execution(ID, "FAILED", "Query exhausted resources at this scale factor", AthenaStub.athenaError(1, 0, true, "Query exhausted resources"), 0))));
    ATHENA.stubFor(call("GetQueryExecution").withRequestBody(matchingJsonPath("$.QueryExecutionId", equalTo(second)))
        .willReturn(ok(execution(second, "SUCCEEDED", null, null, 10))));
    ATHENA.stubFor(call("GetQueryResults").willReturn(ok(AthenaStub.results(COLUMNS, List.of(List.of("objectsCompared", "0", "x")), true, null))));

    ResultRows result = athena(Polling.DEFAULT).rows(diffQuery(), 200);

    assertThat(result.queryId()).isEqualTo(second);
    assertThat(all("StartQueryExecution")).extracting(r -> JSON.readTree(r.getBodyAsString()).path("ClientRequestToken").asText())
        .containsExactly(TOKEN, retryToken);
  }

  @Test
  void retryable_failures_that_outlast_the_attempts_are_a_transient_error() {
    ATHENA.stubFor(call("StartQueryExecution").willReturn(ok(AthenaStub.started(ID))));
    ATHENA.stubFor(call("GetQueryExecution").willReturn(ok(execution(ID, "FAILED", "Internal service error",
        AthenaStub.athenaError(1, 100, true, "Internal service error"), 0))));
    Polling twoAttempts = new Polling(Duration.ofMillis(500), 1.5, Duration.ofSeconds(5), Duration.ofMinutes(1), 2, 1000);

    TransientException e = catchThrowableOfType(TransientException.class, () -> athena(twoAttempts).rows(diffQuery(), 200));

    assertThat(e.getMessage()).contains("failed 2 times", "Internal service error", "category SYSTEM, type 100");
    assertThat(all("StartQueryExecution")).hasSize(2);
  }

  @Test
  void the_workgroups_bytes_scanned_cutoff_is_a_cost_error_that_names_the_limit_and_how_to_raise_it() throws Exception {
    ATHENA.stubFor(call("StartQueryExecution").willReturn(ok(AthenaStub.started(ID))));
    ATHENA.stubFor(call("GetQueryExecution").willReturn(ok(execution(ID, "CANCELLED", "Bytes scanned limit was exceeded", null, 10_485_760))));
    ATHENA.stubFor(call("GetWorkGroup").willReturn(ok(AthenaStub.workGroup("cutover", 10_485_760))));

    PreconditionFailedException e = catchThrowableOfType(PreconditionFailedException.class, () -> athena(Polling.DEFAULT).rows(diffQuery(), 200));

    assertThat(e.getMessage())
        .contains("Athena cancelled query inventory-diff (" + ID + ") after scanning 10485760 bytes")
        .contains("workgroup cutover allows, its per-query data usage limit of 10485760 bytes (10.0 MiB)")
        .contains("\"Bytes scanned limit was exceeded\"")
        .contains("BytesScannedCutoffPerQuery")
        .contains("aws athena update-work-group --work-group cutover --configuration-updates BytesScannedCutoffPerQuery=<bytes>");
    assertThat(JSON.readTree(single("GetWorkGroup").getBodyAsString()).path("WorkGroup").asText()).isEqualTo("cutover");
    assertThat(all("StartQueryExecution")).as("not retried: a retry pays for the same scan").hasSize(1);
  }

  @Test
  void the_cost_error_stands_when_the_workgroups_limit_cannot_be_read() {
    ATHENA.stubFor(call("StartQueryExecution").willReturn(ok(AthenaStub.started(ID))));
    ATHENA.stubFor(call("GetQueryExecution").willReturn(ok(execution(ID, "CANCELLED", "Bytes scanned limit was exceeded", null, 10_485_760))));
    ATHENA.stubFor(call("GetWorkGroup").willReturn(AthenaStub.error(400, "AccessDeniedException",
        "User: arn:aws:sts::444455556666:assumed-role/cutover-target/x is not authorized to perform: athena:GetWorkGroup")));

    PreconditionFailedException e = catchThrowableOfType(PreconditionFailedException.class, () -> athena(Polling.DEFAULT).rows(diffQuery(), 200));

    assertThat(e.getMessage()).contains("could not be read", "athena:GetWorkGroup", "BytesScannedCutoffPerQuery", "Bytes scanned limit was exceeded");
  }

  @Test
  void waits_grow_to_the_longest_interval_and_a_query_still_running_is_transient_and_found_again_by_its_token() throws Exception {
    ATHENA.stubFor(call("StartQueryExecution").willReturn(ok(AthenaStub.started(ID))));
    ATHENA.stubFor(call("GetQueryExecution").willReturn(ok(execution(ID, "RUNNING", null, null, 0))));
    Polling twentySeconds = new Polling(Duration.ofMillis(500), 1.5, Duration.ofSeconds(5), Duration.ofSeconds(20), 3, 1000);

    TransientException e = catchThrowableOfType(TransientException.class, () -> athena(twentySeconds).rows(diffQuery(), 200));
    catchThrowableOfType(TransientException.class, () -> athena(twentySeconds).rows(diffQuery(), 200));

    assertThat(e.getMessage()).contains("still RUNNING", "resumes waiting for the same query");
    assertThat(slept.subList(0, 8))
        .extracting(Duration::toMillis)
        .containsExactly(500L, 750L, 1125L, 1688L, 2532L, 3798L, 5000L, 5000L);
    assertThat(all("StartQueryExecution")).extracting(r -> JSON.readTree(r.getBodyAsString()).path("ClientRequestToken").asText())
        .containsExactly(TOKEN, TOKEN);
  }

  @Test
  void a_start_athena_refuses_is_a_precondition_failure_naming_the_call() {
    ATHENA.stubFor(call("StartQueryExecution").willReturn(AthenaStub.error(400, "InvalidRequestException",
        "Idempotent parameters do not match")));

    PreconditionFailedException e = catchThrowableOfType(PreconditionFailedException.class, () -> athena(Polling.DEFAULT).rows(diffQuery(), 200));

    assertThat(e.getMessage()).contains("StartQueryExecution", "InvalidRequestException", "Idempotent parameters do not match");
    assertThat(all("GetQueryExecution")).isEmpty();
  }

  private AthenaQueries athena(Polling polling) {
    return new AthenaQueries(client, TARGET, polling, slept::add);
  }

  private static Query diffQuery() {
    return InventoryDiff.query(
        new InventoryDiff.Spec(TableName.of("blue_inventory"), DT, TableName.of("green_inventory"), DT, "static/", false, true, 20), TOKEN);
  }

  private static List<LoggedRequest> all(String operation) {
    return ATHENA.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonAthena." + operation)));
  }

  private static LoggedRequest single(String operation) {
    List<LoggedRequest> requests = all(operation);
    assertThat(requests).as(operation + " calls").hasSize(1);
    return requests.get(0);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
