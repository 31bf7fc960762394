package dev.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.queries.support.CloudFrontLogs.Client;
import dev.cutover.queries.support.CloudFrontLogs.Request;
import dev.cutover.queries.support.CloudFrontLogs;
import dev.cutover.testing.TestPlans;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/**
 * The data-side steps, each its production handler wired in process, run one after another on
 * the local world as the workflow would run them: preflight, the replication rule, the backfill
 * job, the verification, the report. Nothing here is scripted: every answer comes from the step
 * code against the embedded S3 and the local Batch Operations.
 */
class DataStepsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXECUTION = "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:data-steps";
  private static LocalWorld world;
  private static ObjectNode plan;
  private static Path logs;

  @BeforeAll
  static void start() throws IOException {
    world = LocalWorld.start(Clock.systemUTC());
    world.registerDataSteps();
    logs = Files.createTempDirectory("cutover-logs");
    world.registerLogScan(logs, "blue_cloudfront");
    world.s3().createBucket("blue-assets", true);
    world.s3().createBucket("green-assets", true);
    world.s3().createBucket("cutover-reports", false);
    plan = TestPlans.json("blue-assets", "green-assets", "cutover-reports", "static/");
    put("static/app.3f9a.js", "console.log('app')", "application/javascript", "public, max-age=31536000, immutable");
    put("static/index.html", "<html></html>", "text/html", "no-cache");
    put("static/img/logo übersicht.png", "PNG", "image/png", "public, max-age=86400");
    put("static/empty.txt", "", "text/plain", "no-cache");
    put("other/not-migrated.txt", "x", "text/plain", "no-cache");
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  private static void put(String key, String body, String contentType, String cacheControl) {
    world.admin().putObject(r -> r.bucket("blue-assets").key(key).contentType(contentType).cacheControl(cacheControl)
            .tagging(Tagging.builder().tagSet(Tag.builder().key("team").value("web").build()).build()),
        RequestBody.fromString(body));
  }

  private static JsonNode invoke(String function, Map<String, Object> fields) {
    return Invoke.step(world, function, EXECUTION, plan, fields);
  }

  @Test
  void the_log_scan_ranks_what_users_requested_from_blue_on_duckdb_over_the_edges_logs() {
    Instant end = Instant.parse("2026-11-24T09:00:00Z");
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      requests.add(Request.of(end.minusSeconds(3600 + i), TestPlans.json().at("/source/distributionId").asText(), "GET", 200, "static/app.3f9a.js", Client.BROWSER));
    }
    for (int i = 0; i < 10; i++) {
      requests.add(Request.of(end.minusSeconds(7200 + i), TestPlans.json().at("/source/distributionId").asText(), "GET", 200, "static/img/logo übersicht.png", Client.BROWSER));
    }
    requests.add(Request.of(end.minusSeconds(60), TestPlans.json().at("/source/distributionId").asText(), "GET", 404, "static/missing.js", Client.BROWSER));
    CloudFrontLogs.write(logs, requests, 16, 5);

    JsonNode scan = invoke("cutover-logscan", Map.of("stateName", "ScanTrafficLogs", "windowEnd", end.toString(),
        "logs", Map.of("database", "cutover_logs", "table", "blue_cloudfront", "workGroup", "cutover")));

    assertThat(scan.path("requests").asLong()).isEqualTo(40);
    assertThat(scan.path("examples")).extracting(e -> e.path("key").asText()).containsExactly("static/app.3f9a.js", "static/img/logo übersicht.png");
    assertThat(scan.path("verifyKeysFrom")).hasSize(1);
    String topKeys = scan.at("/topKeys/key").asText();
    assertThat(world.admin().getObjectAsBytes(r -> r.bucket("cutover-reports").key(topKeys)).asUtf8String()).contains("static/app.3f9a.js");
  }

  @Test
  void preflight_replication_backfill_verify_and_report_run_as_in_aws() {
    JsonNode preflight = invoke("cutover-preflight", Map.of());
    assertThat(preflight.path("findings").toString()).doesNotContain("\"severity\":\"BLOCKER\"");
    assertThat(preflight.path("passed").asBoolean()).as(preflight.toPrettyString()).isTrue();
    assertThat(preflight.at("/estimate/objects").asInt()).isEqualTo(4);

    JsonNode enabled = invoke("cutover-replication", Map.of("action", "ENABLE"));
    assertThat(enabled.path("outcome").asText()).isEqualTo("RULE_ADDED");
    assertThat(world.s3().replicationConfiguration("blue-assets")).isPresent();

    JsonNode started = invoke("cutover-backfill", Map.of("action", "START", "stateName", "StartBackfill"));
    String jobId = started.path("jobId").asText();
    JsonNode progress = invoke("cutover-backfill", Map.of("action", "DESCRIBE", "jobId", jobId));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (progress.path("outcome").asText().equals("RUNNING") && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      progress = invoke("cutover-backfill", Map.of("action", "DESCRIBE", "jobId", jobId));
    }
    assertThat(progress.path("outcome").asText()).as(progress.toPrettyString()).isEqualTo("SUCCEEDED");
    assertThat(progress.path("succeededTasks").asInt()).isEqualTo(4);

    JsonNode verify = invoke("cutover-verify", Map.of());
    assertThat(verify.path("passed").asBoolean()).as(verify.toPrettyString()).isTrue();
    assertThat(verify.path("objectsCompared").asInt()).isEqualTo(4);

    JsonNode report = invoke("cutover-report", Map.of("preflight", preflight, "backfill", Map.of("progress", progress), "verify", verify));
    assertThat(report.path("verdict").asText()).isEqualTo("NOT_READY"); // parity and the log scan did not run
    assertThat(report.path("reasons")).extracting(JsonNode::asText).containsExactly("Edge parity did not run.", "Log scan did not run.");
    String html = report.path("html").asText();
    assertThat(html).startsWith("s3://cutover-reports/");
    String key = html.substring("s3://cutover-reports/".length());
    assertThat(world.admin().getObjectAsBytes(r -> r.bucket("cutover-reports").key(key)).asUtf8String()).contains("<html").contains("NOT READY");

    assertThat(world.sts().assumptions()).extracting(a -> a.roleArn()).contains(TestPlans.GREEN_ROLE, TestPlans.BLUE_ROLE);
  }
}
