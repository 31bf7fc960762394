package dev.cutover.backfill;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okXml;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.cutover.testing.S3ControlStub.texts;
import static dev.cutover.testing.S3ControlStub.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.backfill.aws.S3ControlBatchJobs;
import dev.cutover.backfill.aws.S3ReportObjects;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.json.Json;
import dev.cutover.plan.PlanProblem;
import dev.cutover.testing.EmbeddedS3;
import dev.cutover.testing.FakeContext;
import dev.cutover.testing.S3ControlStub;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * The handler end to end: payloads as the state machine sends them, S3 Control on WireMock, the
 * report bucket on S3Mock.
 */
@ExtendWith(EmbeddedS3.class)
class BackfillHandlerTest {

  static final String EXECUTION =
      "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:assets-2026-11-24";
  static final String BATCH_ROLE = "arn:aws:iam::111122223333:role/cutover-batch-replication";
  static final String REPORT_BUCKET = "platform-cutover-reports";
  static final String BACKFILL_PREFIX = "cutover/assets-to-platform-account/backfill";

  @RegisterExtension static final WireMockExtension S3_CONTROL = S3ControlStub.extension();

  static S3Client s3;
  static S3ControlClient s3Control;

  @BeforeAll
  static void clients() {
    s3 = EmbeddedS3.client(EmbeddedS3.endpoint());
    EmbeddedS3.bucket(REPORT_BUCKET);
    s3Control = S3ControlStub.client(S3_CONTROL, Duration.ofSeconds(5), S3ControlBatchJobs::client);
  }

  @AfterAll
  static void close() {
    s3.close();
    s3Control.close();
  }

  // ---------------------------------------------------------------- START / REDRIVE

  @Test
  void start_creates_the_job_the_plan_describes() throws Exception {
    S3_CONTROL.stubFor(post("/v20180820/jobs").willReturn(okXml(S3ControlStub.createJobResult("job-start-1"))));

    JsonNode started = invoke(payload("START").put("stateName", "StartBackfill"));

    assertThat(started.path("jobId").asText()).isEqualTo("job-start-1");
    assertThat(started.path("clientRequestToken").asText())
        .isEqualTo(ClientRequestTokens.of(BackfillAction.START, EXECUTION, "StartBackfill", 1));
    assertThat(started.path("replicationStatuses")).extracting(JsonNode::asText).containsExactly("NONE", "FAILED");
    assertThat(started.path("reportLocation").asText())
        .isEqualTo("s3://" + REPORT_BUCKET + "/" + BACKFILL_PREFIX + "/job-job-start-1/");

    LoggedRequest request = createJobRequests().getFirst();
    assertThat(request.getHeader("x-amz-account-id")).as("the source account owns the job").isEqualTo("111122223333");
    Document body = xml(request);
    String generator = "/CreateJobRequest/ManifestGenerator/S3JobManifestGenerator";
    assertThat(texts(body, generator + "/SourceBucket")).containsExactly("arn:aws:s3:::legacy-web-assets");
    assertThat(texts(body, generator + "/Filter/EligibleForReplication")).containsExactly("true");
    assertThat(texts(body, generator + "/Filter/ObjectReplicationStatuses/*")).containsExactly("NONE", "FAILED");
    assertThat(texts(body, generator + "/Filter/KeyNameConstraint/MatchAnyPrefix/*")).containsExactly("static/");
    assertThat(texts(body, generator + "/ManifestOutputLocation/Bucket")).containsExactly("arn:aws:s3:::" + REPORT_BUCKET);
    assertThat(texts(body, generator + "/ManifestOutputLocation/ExpectedManifestBucketOwner")).containsExactly("444455556666");
    assertThat(texts(body, "/CreateJobRequest/Operation/*")).hasSize(1);
    assertThat(texts(body, "/CreateJobRequest/Operation/S3ReplicateObject")).hasSize(1);
    assertThat(texts(body, "/CreateJobRequest/Report/Bucket")).containsExactly("arn:aws:s3:::" + REPORT_BUCKET);
    assertThat(texts(body, "/CreateJobRequest/Report/Prefix")).containsExactly(BACKFILL_PREFIX);
    assertThat(texts(body, "/CreateJobRequest/Report/ReportScope")).containsExactly("FailedTasksOnly");
    assertThat(texts(body, "/CreateJobRequest/Report/Format")).containsExactly("Report_CSV_20180820");
    assertThat(texts(body, "/CreateJobRequest/Report/ExpectedBucketOwner")).containsExactly("444455556666");
    assertThat(texts(body, "/CreateJobRequest/Priority")).containsExactly("10");
    assertThat(texts(body, "/CreateJobRequest/RoleArn")).containsExactly(BATCH_ROLE);
    assertThat(texts(body, "/CreateJobRequest/ConfirmationRequired")).containsExactly("false");
    assertThat(texts(body, "/CreateJobRequest/ClientRequestToken"))
        .containsExactly(started.path("clientRequestToken").asText());
  }

  @Test
  void a_second_start_for_the_same_execution_and_state_sends_the_same_token() throws Exception {
    S3_CONTROL.stubFor(post("/v20180820/jobs").willReturn(okXml(S3ControlStub.createJobResult("job-start-2"))));

    JsonNode first = invoke(payload("START").put("stateName", "StartBackfill"));
    JsonNode retried = invoke(payload("START").put("stateName", "StartBackfill"));
    JsonNode otherState = invoke(payload("START").put("stateName", "StartBackfillAfterFix"));

    assertThat(retried).isEqualTo(first);
    List<String> tokens = new ArrayList<>();
    for (LoggedRequest request : createJobRequests()) {
      tokens.addAll(texts(xml(request), "/CreateJobRequest/ClientRequestToken"));
    }
    assertThat(tokens).hasSize(3);
    assertThat(tokens.get(1)).isEqualTo(tokens.get(0));
    assertThat(tokens.get(2)).isNotEqualTo(tokens.get(0)).isEqualTo(otherState.path("clientRequestToken").asText());
  }

  @Test
  void redrive_selects_only_objects_whose_replication_failed_under_a_token_of_its_own() throws Exception {
    S3_CONTROL.stubFor(post("/v20180820/jobs").willReturn(okXml(S3ControlStub.createJobResult("job-redrive-1"))));

    JsonNode first = invoke(payload("REDRIVE").put("stateName", "RedriveBackfill"));
    JsonNode second = invoke(payload("REDRIVE").put("stateName", "RedriveBackfill").put("attempt", 2));

    assertThat(first.path("replicationStatuses")).extracting(JsonNode::asText).containsExactly("FAILED");
    assertThat(first.path("clientRequestToken").asText())
        .isNotEqualTo(ClientRequestTokens.of(BackfillAction.START, EXECUTION, "RedriveBackfill", 1))
        .isNotEqualTo(second.path("clientRequestToken").asText());
    Document body = xml(createJobRequests().getFirst());
    assertThat(texts(body, "/CreateJobRequest/ManifestGenerator/S3JobManifestGenerator/Filter/ObjectReplicationStatuses/*"))
        .containsExactly("FAILED");
    assertThat(texts(body, "/CreateJobRequest/Description")).containsExactly("cutover assets-to-platform-account: redrive");
  }

  @Test
  void without_a_batch_role_no_job_is_created_and_the_error_names_the_variable() {
    assertThatThrownBy(() -> invoke(handler(null), payload("START").put("stateName", "StartBackfill")))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining(BackfillStep.BATCH_ROLE_VARIABLE + " is not set")
        .hasMessageContaining("111122223333");
    assertThat(S3_CONTROL.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void a_batch_role_outside_the_source_account_is_refused_before_any_job_is_created() {
    BackfillHandler greenRole = handler("arn:aws:iam::444455556666:role/cutover-batch-replication");
    BackfillHandler notARole = handler("arn:aws:iam::111122223333:user/alice");

    assertThatThrownBy(() -> invoke(greenRole, payload("START").put("stateName", "StartBackfill")))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("names a role in account 444455556666")
        .hasMessageContaining("source account 111122223333");
    assertThatThrownBy(() -> invoke(notARole, payload("START").put("stateName", "StartBackfill")))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("not an IAM role ARN");
    assertThat(S3_CONTROL.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  // ---------------------------------------------------------------- DESCRIBE / REPORT

  @Test
  void a_job_complete_with_three_failed_tasks_is_reported_failed_with_the_three_keys() throws Exception {
    String jobId = "job-three-failed";
    S3_CONTROL.stubFor(
        get("/v20180820/jobs/" + jobId)
            .willReturn(okXml(S3ControlStub.describeReplicationJob(jobId, "Complete", 10, 7, 3, ""))));
    String csv =
        "legacy-web-assets,static/img/hero%20banner.png,3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY,failed,403,AccessDenied,Access Denied\n"
            + "legacy-web-assets,static/c%2B%2B/caf%C3%A9+men%C3%BC.js,a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuV,failed,403,AccessDenied,Access Denied\n"
            + "legacy-web-assets,static/fonts/%E2%82%AC.woff2,Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp,failed,400,InvalidRequest,\"KMS key not usable, check its key policy\"\n";
    putCompletionReport(jobId, csv);

    JsonNode progress = invoke(payload("DESCRIBE").put("jobId", jobId));
    JsonNode report = invoke(payload("REPORT").put("jobId", jobId));

    assertThat(progress.path("outcome").asText()).isEqualTo("FAILED");
    assertThat(progress.path("jobStatus").asText()).isEqualTo("Complete");
    assertThat(progress.path("totalTasks").asLong()).isEqualTo(10);
    assertThat(progress.path("succeededTasks").asLong()).isEqualTo(7);
    assertThat(progress.path("failedTasks").asLong()).isEqualTo(3);

    assertThat(report.path("failedTasks").asLong()).isEqualTo(3);
    assertThat(report.path("failedExamples")).extracting(n -> n.path("key").asText())
        .containsExactly("static/img/hero banner.png", "static/c++/café menü.js", "static/fonts/€.woff2");
    assertThat(report.path("failedExamples").get(2).path("message").asText())
        .isEqualTo("KMS key not usable, check its key policy");
    assertThat(report.path("failedExamples").get(2).path("httpStatus").asText()).isEqualTo("400");
    assertThat(report.path("failedTasksByErrorCode").toString()).isEqualTo("{\"AccessDenied\":2,\"InvalidRequest\":1}");
    assertThat(report.path("examplesTruncated").asBoolean()).isFalse();
    String jobFolder = BACKFILL_PREFIX + "/job-" + jobId + "/";
    assertThat(report.path("reportManifest").asText()).isEqualTo("s3://" + REPORT_BUCKET + "/" + jobFolder + "manifest.json");
    assertThat(report.path("failedKeys").asText()).isEqualTo("s3://" + REPORT_BUCKET + "/" + jobFolder + "failed-keys.jsonl");

    ResponseBytes<GetObjectResponse> jsonl = s3.getObjectAsBytes(r -> r.bucket(REPORT_BUCKET).key(jobFolder + "failed-keys.jsonl"));
    assertThat(jsonl.response().contentType()).isEqualTo("application/x-ndjson");
    List<JsonNode> lines = new ArrayList<>();
    for (String line : jsonl.asUtf8String().split("\n")) {
      lines.add(Json.mapper().readTree(line));
    }
    assertThat(lines).extracting(n -> n.path("key").asText())
        .containsExactly("static/img/hero banner.png", "static/c++/café menü.js", "static/fonts/€.woff2");
    assertThat(lines.getFirst().path("versionId").asText()).isEqualTo("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
    assertThat(lines.getFirst().path("bucket").asText()).isEqualTo("legacy-web-assets");

    assertThat(invoke(payload("REPORT").put("jobId", jobId))).as("reading the report again").isEqualTo(report);
  }

  @Test
  void a_report_with_more_failures_than_a_payload_holds_keeps_the_full_list_in_s3() throws Exception {
    String jobId = "job-many-failed";
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 45; i++) {
      csv.append("legacy-web-assets,static/js/chunk-").append(i).append(".js,v").append(i)
          .append(",failed,403,").append(i % 3 == 0 ? "KMS.AccessDeniedException" : "AccessDenied")
          .append(",").append("x".repeat(500)).append('\n');
    }
    putCompletionReport(jobId, csv.toString());

    JsonNode report = invoke(payload("REPORT").put("jobId", jobId));

    assertThat(report.path("failedTasks").asLong()).isEqualTo(45);
    assertThat(report.path("failedExamples")).hasSize(BackfillStep.MAX_EXAMPLES);
    assertThat(report.path("failedExamples").get(0).path("message").asText()).hasSize(BackfillStep.MAX_MESSAGE_CHARS);
    assertThat(report.path("examplesTruncated").asBoolean()).isTrue();
    assertThat(report.path("failedTasksByErrorCode").toString())
        .isEqualTo("{\"AccessDenied\":30,\"KMS.AccessDeniedException\":15}");
    String jsonl = s3.getObjectAsBytes(r -> r.bucket(REPORT_BUCKET).key(BACKFILL_PREFIX + "/job-" + jobId + "/failed-keys.jsonl")).asUtf8String();
    assertThat(jsonl.lines()).hasSize(45);
    assertThat(Json.mapper().readTree(jsonl.lines().toList().getLast()).path("message").asText()).hasSize(500);
  }

  @Test
  void a_running_job_reports_its_progress() throws Exception {
    String jobId = "job-running";
    S3_CONTROL.stubFor(
        get("/v20180820/jobs/" + jobId).willReturn(okXml(S3ControlStub.describeReplicationJob(jobId, "Active", 1200, 700, 2, ""))));

    JsonNode progress = invoke(payload("DESCRIBE").put("jobId", jobId));

    assertThat(progress.path("outcome").asText()).isEqualTo("RUNNING");
    assertThat(progress.path("jobStatus").asText()).isEqualTo("Active");
    assertThat(progress.path("totalTasks").asLong()).isEqualTo(1200);
    assertThat(progress.path("succeededTasks").asLong()).isEqualTo(700);
    assertThat(progress.path("failedTasks").asLong()).isEqualTo(2);
  }

  @Test
  void a_job_without_a_completion_report_says_where_it_looked_and_what_to_do() {
    assertThatThrownBy(() -> invoke(payload("REPORT").put("jobId", "job-never-ran")))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("s3://" + REPORT_BUCKET + "/" + BACKFILL_PREFIX + "/job-job-never-ran/manifest.json")
        .hasMessageContaining("failure reasons");
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void bad_input_names_every_field_at_once_before_anything_changes() {
    ObjectNode payload = payload("START");
    ((ObjectNode) payload.path("plan").path("source")).put("accountId", "1234");

    assertThatThrownBy(() -> invoke(payload))
        .isInstanceOfSatisfying(
            InvalidPlanException.class,
            e -> assertThat(e.problems()).extracting(PlanProblem::field).containsExactlyInAnyOrder("stateName", "plan.source.accountId"));
    assertThat(S3_CONTROL.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void only_a_migrate_run_creates_a_backfill_job() {
    ObjectNode validateOnly = payload("START").put("stateName", "StartBackfill");
    ((ObjectNode) validateOnly.path("plan")).put("mode", "VALIDATE_ONLY");
    ((ObjectNode) validateOnly.path("plan")).remove("approval");

    assertThatThrownBy(() -> invoke(validateOnly))
        .isInstanceOfSatisfying(
            InvalidPlanException.class,
            e -> assertThat(e.problems()).extracting(PlanProblem::field).containsExactly("plan.mode"));
    assertThat(S3_CONTROL.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void describe_and_report_need_a_job_id_of_s3s_form() {
    assertThatThrownBy(() -> invoke(payload("DESCRIBE")))
        .isInstanceOfSatisfying(
            InvalidPlanException.class,
            e -> assertThat(e.problems()).extracting(PlanProblem::field).containsExactly("jobId"));
    assertThatThrownBy(() -> invoke(payload("REPORT").put("jobId", "../../etc")))
        .isInstanceOf(InvalidPlanException.class)
        .hasMessageContaining("jobId: \"../../etc\" is not an S3 Batch Operations job id");
  }

  @Test
  void an_unknown_field_or_action_is_named() {
    assertThatThrownBy(() -> invoke(payload("START").put("stateNme", "StartBackfill")))
        .isInstanceOf(InvalidPlanException.class)
        .hasMessageContaining("stateNme: is not a field of the backfill payload");
    assertThatThrownBy(() -> invoke(payload("STOP")))
        .isInstanceOf(InvalidPlanException.class)
        .hasMessageContaining("action: \"STOP\" is not an action; give one of START, REDRIVE, DESCRIBE, REPORT.");
  }

  @Test
  void a_payload_that_is_not_json_is_invalid_input() {
    assertThatThrownBy(() -> invoke(handler(BATCH_ROLE), "{\"action\": \"START\",".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(InvalidPlanException.class)
        .hasMessageContaining("not a JSON object");
  }

  // ---------------------------------------------------------------- helpers

  /** A completion report as S3 writes it: manifest.json listing a succeeded and a failed result file. */
  private static void putCompletionReport(String jobId, String failedCsv) {
    String jobFolder = BACKFILL_PREFIX + "/job-" + jobId + "/";
    String failedKey = jobFolder + "results/b2ddad417e94331e9f37b44f1faf8c7ed5873f2e.csv";
    String manifest =
        """
        {
            "Format": "Report_CSV_20180820",
            "ReportCreationDate": "2026-11-24T10:21:02.725Z",
            "Results": [
                {
                    "TaskExecutionStatus": "succeeded",
                    "Bucket": "%1$s",
                    "MD5Checksum": "83b1c4cbe93fc893f54053697e10fd6e",
                    "Key": "%2$sresults/6217b0fab0de85c408b4be96aeaca9b195a7daa5.csv"
                },
                {
                    "TaskExecutionStatus": "failed",
                    "Bucket": "%1$s",
                    "MD5Checksum": "%3$s",
                    "Key": "%4$s"
                }
            ],
            "ReportSchema": "Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage"
        }
        """.formatted(REPORT_BUCKET, jobFolder, CompletionReportTest.md5(failedCsv), failedKey);
    s3.putObject(r -> r.bucket(REPORT_BUCKET).key(jobFolder + "manifest.json"), RequestBody.fromString(manifest));
    s3.putObject(r -> r.bucket(REPORT_BUCKET).key(failedKey), RequestBody.fromString(failedCsv));
  }

  private static BackfillHandler handler(String batchRole) {
    return new BackfillHandler(
        plan -> new S3ControlBatchJobs(s3Control),
        plan -> new S3ReportObjects(s3, plan.target().accountId()),
        batchRole);
  }

  private static ObjectNode payload(String action) {
    ObjectNode payload = Json.mapper().createObjectNode();
    payload.put("action", action);
    payload.put("executionId", EXECUTION);
    try (InputStream plan = BackfillHandlerTest.class.getResourceAsStream("/events/migrate.json")) {
      payload.set("plan", Json.mapper().readTree(plan));
    } catch (IOException e) {
      throw new IllegalStateException("events/migrate.json is not on the test class path", e);
    }
    return payload;
  }

  private static JsonNode invoke(ObjectNode payload) throws IOException {
    return invoke(handler(BATCH_ROLE), payload);
  }

  private static JsonNode invoke(BackfillHandler handler, ObjectNode payload) throws IOException {
    return invoke(handler, Json.mapper().writeValueAsBytes(payload));
  }

  private static JsonNode invoke(BackfillHandler handler, byte[] payload) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(payload), out, new FakeContext("cutover-backfill"));
    return Json.mapper().readTree(out.toByteArray());
  }

  private static List<LoggedRequest> createJobRequests() {
    return S3_CONTROL.findAll(postRequestedFor(urlEqualTo("/v20180820/jobs")));
  }
}
