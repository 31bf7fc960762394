package dev.cutover.verify;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okXml;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.cutover.testing.S3ControlStub.text;
import static dev.cutover.testing.S3ControlStub.xml;
import static dev.cutover.verify.ChecksumFixtures.checksumRow;
import static dev.cutover.verify.ChecksumFixtures.failedRow;
import static dev.cutover.verify.ChecksumFixtures.jsonLines;
import static dev.cutover.verify.ChecksumFixtures.putCompletionReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.batch.IdempotencyTokens;
import dev.cutover.errors.InvalidPlanException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.json.Json;
import dev.cutover.plan.PlanProblem;
import dev.cutover.testing.EmbeddedS3;
import dev.cutover.testing.FakeContext;
import dev.cutover.testing.S3ControlStub;
import dev.cutover.testing.TestPlans;
import dev.cutover.verify.aws.S3ControlChecksumJobs;
import dev.cutover.verify.aws.S3ReportFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * The checksum comparison end to end: payloads as the state machine sends them, S3 Control on
 * WireMock (both accounts on one stub, told apart by {@code x-amz-account-id}), the report bucket
 * on the embedded S3 server.
 */
@ExtendWith(EmbeddedS3.class)
class ChecksumHandlerTest {

  static final String BLUE = "legacy-web-assets";
  static final String GREEN = "platform-web-assets";
  static final String REPORTS = "checksum-handler-reports";
  static final String SOURCE_ACCOUNT = "111122223333";
  static final String TARGET_ACCOUNT = "444455556666";
  static final String SOURCE_ROLE = "arn:aws:iam::111122223333:role/cutover-checksum";
  static final String TARGET_ROLE = "arn:aws:iam::444455556666:role/cutover-checksum";
  static final String STATE = "ComputeChecksums";
  static final String SOURCE_JOB = "b1e0c0de-0001-4a5b-8c9d-0e1f2a3b4c5d";
  static final String TARGET_JOB = "9e3fc0de-0002-4a5b-8c9d-0e1f2a3b4c5d";

  @RegisterExtension static final WireMockExtension S3_CONTROL = S3ControlStub.extension();

  static S3Client s3;
  static S3ControlClient s3Control;

  @BeforeAll
  static void clients() {
    s3 = EmbeddedS3.client();
    EmbeddedS3.bucket(REPORTS);
    s3Control = S3ControlStub.client(S3_CONTROL, Duration.ofSeconds(5), S3ControlChecksumJobs::client);
  }

  @AfterAll
  static void close() {
    s3Control.close();
  }

  // ---------------------------------------------------------------- START

  @Test
  void start_lists_the_unverified_keys_in_one_manifest_per_side_and_creates_a_job_in_each_account() throws Exception {
    String run = "start-lists";
    String findings = putFindings(run,
        finding("static/legacy/app.js", "contentUnverified"),
        finding("static/legacy/hero banner.png", "contentUnverified", "metadataDiffers"),
        finding("static/other.js", "checksumDiffers"),
        finding("static/missing.js", "missingOnTarget"),
        finding("static/c++/café menü.js", "contentUnverified"));
    stubCreateJobs();

    JsonNode started = invoke(handler(), start(run, findings));

    String folder = "cutover/assets-to-platform-account/checksum/" + run + "/" + STATE;
    assertThat(started.path("objects").asLong()).isEqualTo(3);
    assertThat(started.path("checksum").asText()).isEqualTo("CRC64NVME FULL_OBJECT");
    assertThat(started.at("/source/jobId").asText()).isEqualTo(SOURCE_JOB);
    assertThat(started.at("/target/jobId").asText()).isEqualTo(TARGET_JOB);
    assertThat(started.at("/source/manifest").asText()).isEqualTo("s3://" + REPORTS + "/" + folder + "/source-manifest.csv");
    assertThat(started.at("/target/reportLocation").asText()).isEqualTo("s3://" + REPORTS + "/" + folder + "/target/job-" + TARGET_JOB + "/");

    assertThat(object(folder + "/source-manifest.csv"))
        .isEqualTo(
            BLUE + ",static/legacy/app.js\n"
                + BLUE + ",static/legacy/hero%20banner.png\n"
                + BLUE + ",static/c%2B%2B/caf%C3%A9%20men%C3%BC.js\n");
    assertThat(object(folder + "/target-manifest.csv"))
        .isEqualTo(
            GREEN + ",static/legacy/app.js\n"
                + GREEN + ",static/legacy/hero%20banner.png\n"
                + GREEN + ",static/c%2B%2B/caf%C3%A9%20men%C3%BC.js\n");

    for (String side : List.of("source", "target")) {
      String account = side.equals("source") ? SOURCE_ACCOUNT : TARGET_ACCOUNT;
      LoggedRequest request = createJob(account);
      Document body = xml(request);
      String manifestKey = folder + "/" + side + "-manifest.csv";
      HeadObjectResponse manifest = s3.headObject(r -> r.bucket(REPORTS).key(manifestKey));
      assertThat(text(body, "/CreateJobRequest/Manifest/Location/ObjectArn")).isEqualTo("arn:aws:s3:::" + REPORTS + "/" + manifestKey);
      assertThat(text(body, "/CreateJobRequest/Manifest/Location/ETag"))
          .as("the ETag of the manifest written, without quotes")
          .isEqualTo(manifest.eTag().replace("\"", ""));
      assertThat(manifest.contentType()).isEqualTo("text/csv");
      assertThat(text(body, "/CreateJobRequest/RoleArn")).isEqualTo(side.equals("source") ? SOURCE_ROLE : TARGET_ROLE);
      assertThat(text(body, "/CreateJobRequest/ClientRequestToken"))
          .isEqualTo(IdempotencyTokens.of("cutover-checksum", execution(run), STATE, side))
          .isEqualTo(started.at("/" + side + "/clientRequestToken").asText());
      assertThat(text(body, "/CreateJobRequest/Operation/S3ComputeObjectChecksum/ChecksumAlgorithm")).isEqualTo("CRC64NVME");
      assertThat(text(body, "/CreateJobRequest/Operation/S3ComputeObjectChecksum/ChecksumType")).isEqualTo("FULL_OBJECT");
      assertThat(text(body, "/CreateJobRequest/Report/Bucket")).isEqualTo("arn:aws:s3:::" + REPORTS);
      assertThat(text(body, "/CreateJobRequest/Report/Prefix")).isEqualTo(folder + "/" + side);
      assertThat(text(body, "/CreateJobRequest/Report/ReportScope")).isEqualTo("AllTasks");
      assertThat(text(body, "/CreateJobRequest/Report/ExpectedBucketOwner")).isEqualTo(TARGET_ACCOUNT);
      assertThat(text(body, "/CreateJobRequest/Priority")).isEqualTo("10");
      assertThat(text(body, "/CreateJobRequest/ConfirmationRequired")).isEqualTo("false");
    }
  }

  @Test
  void a_verification_resumed_over_several_invocations_gives_its_findings_files_and_start_reads_them_all() throws Exception {
    String run = "start-segments";
    String first = putFindings(run, finding("static/a.js", "contentUnverified"), finding("static/b.js", "missingOnTarget"));
    String second = "cutover/assets-to-platform-account/verify/" + run + "/findings-0002.jsonl";
    s3.putObject(r -> r.bucket(REPORTS).key(second), RequestBody.fromString(finding("static/z.js", "contentUnverified") + "\n", StandardCharsets.UTF_8));
    stubCreateJobs();
    ObjectNode payload = start(run, first);
    payload.putArray("findings").add("s3://" + REPORTS + "/" + first).add("s3://" + REPORTS + "/" + second);

    JsonNode started = invoke(handler(), payload);

    assertThat(started.path("objects").asLong()).isEqualTo(2);
    assertThat(object("cutover/assets-to-platform-account/checksum/" + run + "/" + STATE + "/source-manifest.csv"))
        .isEqualTo(BLUE + ",static/a.js\n" + BLUE + ",static/z.js\n");
  }

  @Test
  void a_retried_start_sends_the_same_tokens_for_the_same_manifests_so_s3_creates_no_second_job() throws Exception {
    String run = "start-retried";
    String findings = putFindings(run, finding("static/legacy/app.js", "contentUnverified"));
    stubCreateJobs();

    JsonNode first = invoke(handler(), start(run, findings));
    JsonNode retried = invoke(handler(), start(run, findings));
    JsonNode otherState = invoke(handler(), start(run, findings).put("stateName", "ComputeChecksumsAgain"));

    assertThat(retried).isEqualTo(first);
    for (String account : List.of(SOURCE_ACCOUNT, TARGET_ACCOUNT)) {
      List<Document> bodies = new ArrayList<>();
      for (LoggedRequest request : S3_CONTROL.findAll(postRequestedFor(urlEqualTo("/v20180820/jobs")).withHeader("x-amz-account-id", equalTo(account)))) {
        bodies.add(xml(request));
      }
      assertThat(bodies).hasSize(3);
      assertThat(text(bodies.get(1), "/CreateJobRequest/ClientRequestToken")).isEqualTo(text(bodies.get(0), "/CreateJobRequest/ClientRequestToken"));
      assertThat(text(bodies.get(1), "/CreateJobRequest/Manifest/Location/ETag")).isEqualTo(text(bodies.get(0), "/CreateJobRequest/Manifest/Location/ETag"));
      assertThat(text(bodies.get(2), "/CreateJobRequest/ClientRequestToken")).isNotEqualTo(text(bodies.get(0), "/CreateJobRequest/ClientRequestToken"));
    }
    assertThat(otherState.at("/source/clientRequestToken").asText()).isNotEqualTo(first.at("/source/clientRequestToken").asText());
    assertThat(first.at("/source/clientRequestToken").asText()).isNotEqualTo(first.at("/target/clientRequestToken").asText());
  }

  @Test
  void findings_without_unverified_content_need_no_job() throws Exception {
    String run = "start-nothing";
    String findings = putFindings(run, finding("static/other.js", "checksumDiffers"), finding("static/gone.js", "missingOnTarget"));

    JsonNode started = invoke(handler(), start(run, findings));

    assertThat(started.path("objects").asLong()).isZero();
    assertThat(started.path("source").isNull()).isTrue();
    assertThat(started.path("target").isNull()).isTrue();
    assertThat(S3_CONTROL.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    assertThat(s3.listObjectsV2(r -> r.bucket(REPORTS).prefix("cutover/assets-to-platform-account/checksum/" + run + "/")).contents()).isEmpty();
  }

  @Test
  void start_without_the_findings_object_creates_nothing_and_names_the_uri() {
    String findings = "cutover/assets-to-platform-account/verify/no-such-run/findings.jsonl";

    assertThatThrownBy(() -> invoke(handler(), start("start-no-findings", findings)))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("There are no findings at s3://" + REPORTS + "/" + findings);
    assertThat(S3_CONTROL.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void a_findings_line_that_is_not_a_finding_is_refused_with_its_line_number() {
    String run = "start-bad-line";
    String key = "cutover/assets-to-platform-account/verify/" + run + "/findings.jsonl";
    s3.putObject(r -> r.bucket(REPORTS).key(key), RequestBody.fromString(finding("static/a.js", "contentUnverified") + "\n<html>\n", StandardCharsets.UTF_8));

    assertThatThrownBy(() -> invoke(handler(), start(run, key)))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("Line 2 of s3://" + REPORTS + "/" + key + " is not a finding");
    assertThat(S3_CONTROL.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void without_roles_in_the_right_accounts_nothing_is_written_or_created() throws Exception {
    String run = "start-roles";
    String findings = putFindings(run, finding("static/legacy/app.js", "contentUnverified"));
    ChecksumHandler noSourceRole = handler(null, TARGET_ROLE, ChecksumStep.OBJECTS_PER_PARTITION);
    ChecksumHandler swapped = handler(TARGET_ROLE, SOURCE_ROLE, ChecksumStep.OBJECTS_PER_PARTITION);
    ChecksumHandler user = handler(SOURCE_ROLE, "arn:aws:iam::444455556666:user/alice", ChecksumStep.OBJECTS_PER_PARTITION);

    assertThatThrownBy(() -> invoke(noSourceRole, start(run, findings)))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining(ChecksumStep.SOURCE_ROLE_VARIABLE + " is not set")
        .hasMessageContaining(SOURCE_ACCOUNT);
    assertThatThrownBy(() -> invoke(swapped, start(run, findings)))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining(ChecksumStep.SOURCE_ROLE_VARIABLE + " names a role in account " + TARGET_ACCOUNT);
    assertThatThrownBy(() -> invoke(user, start(run, findings)))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining(ChecksumStep.TARGET_ROLE_VARIABLE + " is \"arn:aws:iam::444455556666:user/alice\", not an IAM role ARN");
    assertThat(S3_CONTROL.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    assertThat(s3.listObjectsV2(r -> r.bucket(REPORTS).prefix("cutover/assets-to-platform-account/checksum/" + run + "/")).contents()).isEmpty();
  }

  @Test
  void bad_input_is_refused_with_every_field_path_before_anything_is_read() {
    ObjectNode payload = TestPlans.payload(TestPlans.json(BLUE, GREEN, REPORTS, "static/"));
    payload.put("action", "START").put("findings", "s3://someone-elses-bucket/findings.jsonl").put("jobId", "x");
    ((ObjectNode) payload.get("plan").get("source")).remove("bucket");

    assertThatThrownBy(() -> invoke(handler(), payload))
        .isInstanceOfSatisfying(
            InvalidPlanException.class,
            e -> assertThat(e.problems()).extracting(PlanProblem::field)
                .containsExactlyInAnyOrder("jobId", "plan.source.bucket", "stateName", "findings"));
    assertThat(S3_CONTROL.findAll(anyRequestedFor(anyUrl()))).isEmpty();
  }

  // ---------------------------------------------------------------- DESCRIBE

  @Test
  void describe_waits_while_either_job_runs_and_fails_when_either_failed() throws Exception {
    String manifest = "arn:aws:s3:::" + REPORTS + "/m.csv";
    stubDescribe(SOURCE_JOB, "Complete", manifest, "p/source", 3, 3, 0, "");
    stubDescribe(TARGET_JOB, "Active", manifest, "p/target", 3, 1, 0, "");

    JsonNode running = invoke(handler(), jobsPayload("DESCRIBE"));

    assertThat(running.path("outcome").asText()).isEqualTo("RUNNING");
    assertThat(running.at("/source/outcome").asText()).isEqualTo("SUCCEEDED");
    assertThat(running.at("/target/jobStatus").asText()).isEqualTo("Active");
    assertThat(running.at("/target/succeededTasks").asLong()).isEqualTo(1);
    assertThat(S3_CONTROL.findAll(anyRequestedFor(urlEqualTo("/v20180820/jobs/" + SOURCE_JOB))).getFirst().getHeader("x-amz-account-id"))
        .isEqualTo(SOURCE_ACCOUNT);
    assertThat(S3_CONTROL.findAll(anyRequestedFor(urlEqualTo("/v20180820/jobs/" + TARGET_JOB))).getFirst().getHeader("x-amz-account-id"))
        .isEqualTo(TARGET_ACCOUNT);

    stubDescribe(TARGET_JOB, "Complete", manifest, "p/target", 3, 2, 1, "");
    assertThat(invoke(handler(), jobsPayload("DESCRIBE")).path("outcome").asText())
        .as("a task that failed leaves one object unverified; the job succeeded")
        .isEqualTo("SUCCEEDED");

    stubDescribe(SOURCE_JOB, "Failed", manifest, "p/source", 0, 0, 0,
        "<member><FailureCode>AccessDenied</FailureCode><FailureReason>Reading the manifest is not allowed</FailureReason></member>");
    JsonNode failed = invoke(handler(), jobsPayload("DESCRIBE"));
    assertThat(failed.path("outcome").asText()).isEqualTo("FAILED");
    assertThat(failed.at("/source/failureReasons/0/code").asText()).isEqualTo("AccessDenied");
  }

  // ---------------------------------------------------------------- COMPARE

  @Test
  void compare_matches_both_reports_key_by_key_and_returns_differences_as_data() throws Exception {
    String run = "compare-all";
    JsonNode result = startRunAndCompare(run, ChecksumStep.OBJECTS_PER_PARTITION, 0);
    String folder = "cutover/assets-to-platform-account/checksum/" + run + "/" + STATE;

    assertThat(result.path("passed").asBoolean()).isFalse();
    assertThat(result.path("objects").asLong()).isEqualTo(4);
    assertThat(result.path("verifiedEqual").asLong()).isEqualTo(1);
    assertThat(result.path("checksumDiffers").asLong()).isEqualTo(1);
    assertThat(result.path("stillUnverified").asLong()).isEqualTo(2);
    assertThat(result.path("checksum").asText()).isEqualTo("CRC64NVME FULL_OBJECT");
    assertThat(result.path("checksumDiffersExamples").toString())
        .isEqualTo("[{\"key\":\"static/legacy/hero banner.png\",\"source\":\"nD8AqxLvAEI=\",\"target\":\"nD8AqxLvAEM=\"}]");
    assertThat(result.path("stillUnverifiedExamples")).extracting(n -> n.path("key").asText())
        .containsExactly("static/c++/café menü.js", "static/legacy/gone.js");
    assertThat(result.at("/stillUnverifiedExamples/0/reason").asText()).isEqualTo("target: AccessDenied (Access Denied)");
    assertThat(result.path("stillUnverifiedByReason").toString()).isEqualTo("{\"target:AccessDenied\":1,\"target:NoResult\":1}");
    assertThat(result.at("/report/uri").asText()).isEqualTo("s3://" + REPORTS + "/" + folder + "/comparison.jsonl");

    List<JsonNode> lines = jsonLines(s3, REPORTS, folder + "/comparison.jsonl");
    assertThat(lines).extracting(n -> n.path("key").asText() + " " + n.path("outcome").asText())
        .containsExactly(
            "static/c++/café menü.js stillUnverified",
            "static/legacy/app.js equal",
            "static/legacy/gone.js stillUnverified",
            "static/legacy/hero banner.png checksumDiffers");
    assertThat(lines.get(1).path("source").asText()).isEqualTo("AAAAAAAAAAE=").isEqualTo(lines.get(1).path("target").asText());
    assertThat(lines.get(2).path("reason").asText()).startsWith("target: NoResult");
    assertThat(lines.get(2).path("source").asText()).isEqualTo("AAAAAAAAAAQ=");
    assertThat(lines.get(2).path("target").isNull()).isTrue();
  }

  @Test
  void differences_within_the_plans_tolerance_pass() throws Exception {
    JsonNode result = startRunAndCompare("compare-tolerated", ChecksumStep.OBJECTS_PER_PARTITION, 1);

    assertThat(result.path("checksumDiffers").asLong()).isEqualTo(1);
    assertThat(result.path("mismatchTolerance").asInt()).isEqualTo(1);
    assertThat(result.path("passed").asBoolean()).isTrue();
  }

  @Test
  void a_join_spread_over_many_partitions_gives_the_same_result() throws Exception {
    JsonNode whole = startRunAndCompare("compare-whole", ChecksumStep.OBJECTS_PER_PARTITION, 0);
    JsonNode spread = startRunAndCompare("compare-spread", 1, 0);

    ((ObjectNode) whole).remove("report");
    ((ObjectNode) spread).remove("report");
    assertThat(spread).isEqualTo(whole);
  }

  @Test
  void compare_refuses_a_job_still_running() throws Exception {
    stubDescribe(SOURCE_JOB, "Complete", manifestArn("x", "source"), "x/source", 1, 1, 0, "");
    stubDescribe(TARGET_JOB, "Active", manifestArn("x", "target"), "x/target", 1, 0, 0, "");

    assertThatThrownBy(() -> invoke(handler(), jobsPayload("COMPARE")))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("target Compute checksum job " + TARGET_JOB + " is Active");
  }

  @Test
  void compare_refuses_jobs_that_one_start_did_not_create_together() throws Exception {
    stubDescribe(SOURCE_JOB, "Complete", manifestArn("run-a", "source"), "run-a/source", 1, 1, 0, "");
    stubDescribe(TARGET_JOB, "Complete", manifestArn("run-b", "target"), "run-b/target", 1, 1, 0, "");

    assertThatThrownBy(() -> invoke(handler(), jobsPayload("COMPARE")))
        .isInstanceOfSatisfying(
            InvalidPlanException.class,
            e -> assertThat(e.problems()).extracting(PlanProblem::field).containsExactly("targetJobId"));
  }

  @Test
  void compare_refuses_a_job_that_does_not_compute_checksums() throws Exception {
    S3_CONTROL.stubFor(get("/v20180820/jobs/" + SOURCE_JOB).willReturn(okXml(S3ControlStub.describeReplicationJob(SOURCE_JOB))));
    stubDescribe(TARGET_JOB, "Complete", manifestArn("x", "target"), "x/target", 1, 1, 0, "");

    assertThatThrownBy(() -> invoke(handler(), jobsPayload("COMPARE")))
        .isInstanceOfSatisfying(
            InvalidPlanException.class,
            e -> {
              assertThat(e.problems()).extracting(PlanProblem::field).containsExactly("sourceJobId");
              assertThat(e.getMessage()).contains("runs S3ReplicateObject, not S3ComputeObjectChecksum");
            });
  }

  @Test
  void a_failed_job_without_a_report_is_a_precondition_failure_with_its_reasons() throws Exception {
    String run = "compare-no-report";
    String findings = putFindings(run, finding("static/legacy/app.js", "contentUnverified"));
    stubCreateJobs();
    invoke(handler(), start(run, findings));
    String folder = "cutover/assets-to-platform-account/checksum/" + run + "/" + STATE;
    stubDescribe(SOURCE_JOB, "Failed", "arn:aws:s3:::" + REPORTS + "/" + folder + "/source-manifest.csv", folder + "/source", 0, 0, 0,
        "<member><FailureCode>AccessDenied</FailureCode><FailureReason>Reading the manifest is not allowed</FailureReason></member>");
    stubDescribe(TARGET_JOB, "Complete", "arn:aws:s3:::" + REPORTS + "/" + folder + "/target-manifest.csv", folder + "/target", 1, 1, 0, "");
    putCompletionReport(s3, REPORTS, folder + "/target", TARGET_JOB, checksumRow(GREEN, "static/legacy/app.js", "AAAAAAAAAAE="), "");

    assertThatThrownBy(() -> invoke(handler(), jobsPayload("COMPARE")))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("source Compute checksum job " + SOURCE_JOB + " (Failed) has no completion report")
        .hasMessageContaining("AccessDenied: Reading the manifest is not allowed");
  }

  // ---------------------------------------------------------------- helpers

  /**
   * START over four unverified objects, both jobs complete, reports in S3's format: one equal,
   * one different, one the target could not read, one the target report does not mention.
   */
  private JsonNode startRunAndCompare(String run, long objectsPerPartition, int tolerance) throws Exception {
    String findings = putFindings(run,
        finding("static/legacy/app.js", "contentUnverified"),
        finding("static/legacy/hero banner.png", "contentUnverified"),
        finding("static/c++/café menü.js", "contentUnverified", "metadataDiffers"),
        finding("static/legacy/gone.js", "contentUnverified"));
    S3_CONTROL.resetAll();
    stubCreateJobs();
    ObjectNode startPayload = start(run, findings);
    ((ObjectNode) startPayload.get("plan").get("validation")).put("mismatchTolerance", tolerance);
    invoke(handler(), startPayload);
    String folder = "cutover/assets-to-platform-account/checksum/" + run + "/" + STATE;
    stubDescribe(SOURCE_JOB, "Complete", "arn:aws:s3:::" + REPORTS + "/" + folder + "/source-manifest.csv", folder + "/source", 4, 4, 0, "");
    stubDescribe(TARGET_JOB, "Complete", "arn:aws:s3:::" + REPORTS + "/" + folder + "/target-manifest.csv", folder + "/target", 4, 2, 1, "");
    putCompletionReport(s3, REPORTS, folder + "/source", SOURCE_JOB,
        checksumRow(BLUE, "static/legacy/gone.js", "AAAAAAAAAAQ=")
            + checksumRow(BLUE, "static/legacy/hero+banner.png", "nD8AqxLvAEI=")
            + checksumRow(BLUE, "static/c%2B%2B/caf%C3%A9%20men%C3%BC.js", "AAAAAAAAAAM=")
            + checksumRow(BLUE, "static/legacy/app.js", "AAAAAAAAAAE="),
        "");
    putCompletionReport(s3, REPORTS, folder + "/target", TARGET_JOB,
        checksumRow(GREEN, "static/legacy/app.js", "AAAAAAAAAAE=")
            + checksumRow(GREEN, "static/legacy/hero%20banner.png", "nD8AqxLvAEM="),
        failedRow(GREEN, "static/c%2B%2B/caf%C3%A9%20men%C3%BC.js", "403", "AccessDenied", "Access Denied"));
    ObjectNode compare = jobsPayload("COMPARE");
    ((ObjectNode) compare.get("plan").get("validation")).put("mismatchTolerance", tolerance);
    return invoke(handler(SOURCE_ROLE, TARGET_ROLE, objectsPerPartition), compare);
  }

  private static ChecksumHandler handler() {
    return handler(SOURCE_ROLE, TARGET_ROLE, ChecksumStep.OBJECTS_PER_PARTITION);
  }

  private static ChecksumHandler handler(String sourceRole, String targetRole, long objectsPerPartition) {
    return new ChecksumHandler(
        plan -> new S3ControlChecksumJobs(s3Control),
        plan -> new S3ControlChecksumJobs(s3Control),
        plan -> new S3ReportFiles(s3, plan.batch().reportBucket(), plan.target().accountId()),
        sourceRole,
        targetRole,
        objectsPerPartition);
  }

  private static void stubCreateJobs() {
    S3_CONTROL.stubFor(
        post("/v20180820/jobs").withHeader("x-amz-account-id", equalTo(SOURCE_ACCOUNT))
            .willReturn(okXml(S3ControlStub.createJobResult(SOURCE_JOB))));
    S3_CONTROL.stubFor(
        post("/v20180820/jobs").withHeader("x-amz-account-id", equalTo(TARGET_ACCOUNT))
            .willReturn(okXml(S3ControlStub.createJobResult(TARGET_JOB))));
  }

  private static void stubDescribe(
      String jobId, String status, String manifestArn, String reportPrefix, long total, long succeeded, long failed, String reasons) {
    S3_CONTROL.stubFor(
        get("/v20180820/jobs/" + jobId)
            .willReturn(okXml(S3ControlStub.describeChecksumJob(jobId, status, manifestArn, REPORTS, reportPrefix, total, succeeded, failed, reasons))));
  }

  private static String manifestArn(String run, String side) {
    return "arn:aws:s3:::" + REPORTS + "/cutover/assets-to-platform-account/checksum/" + run + "/" + STATE + "/" + side + "-manifest.csv";
  }

  private static LoggedRequest createJob(String account) {
    List<LoggedRequest> requests =
        S3_CONTROL.findAll(postRequestedFor(urlEqualTo("/v20180820/jobs")).withHeader("x-amz-account-id", equalTo(account)));
    assertThat(requests).as("CreateJob in account " + account).hasSize(1);
    return requests.getFirst();
  }

  static String execution(String run) {
    return "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:" + run;
  }

  private static ObjectNode start(String run, String findingsKey) {
    ObjectNode payload = TestPlans.payload(TestPlans.json(BLUE, GREEN, REPORTS, "static/"));
    payload.put("action", "START").put("executionId", execution(run)).put("stateName", STATE).put("findings", "s3://" + REPORTS + "/" + findingsKey);
    return payload;
  }

  private static ObjectNode jobsPayload(String action) {
    ObjectNode payload = TestPlans.payload(TestPlans.json(BLUE, GREEN, REPORTS, "static/"));
    payload.put("action", action).put("sourceJobId", SOURCE_JOB).put("targetJobId", TARGET_JOB);
    return payload;
  }

  /** A findings line as the verify step writes it. */
  static String finding(String key, String... categories) {
    ObjectNode line = Json.mapper().createObjectNode();
    line.put("key", key);
    for (String category : categories) {
      line.withArray("categories").add(category);
    }
    line.putArray("fields");
    line.putObject("source");
    line.putObject("target");
    return line.toString();
  }

  private static String putFindings(String run, String... lines) {
    String key = "cutover/assets-to-platform-account/verify/" + run + "/findings.jsonl";
    s3.putObject(r -> r.bucket(REPORTS).key(key).contentType("application/x-ndjson"),
        RequestBody.fromString(String.join("\n", lines) + "\n", StandardCharsets.UTF_8));
    return key;
  }

  private static String object(String key) {
    return s3.getObjectAsBytes(r -> r.bucket(REPORTS).key(key)).asUtf8String();
  }

  static JsonNode invoke(ChecksumHandler handler, JsonNode payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(Json.write(payload).getBytes(StandardCharsets.UTF_8)), out, new FakeContext("cutover-verify"));
      return Json.mapper().readTree(out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
