package dev.cutover.backfill.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okXml;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.cutover.testing.S3ControlStub.count;
import static dev.cutover.testing.S3ControlStub.text;
import static dev.cutover.testing.S3ControlStub.texts;
import static dev.cutover.testing.S3ControlStub.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.backfill.port.BatchJob;
import dev.cutover.backfill.port.ObjectReplicationStatus;
import dev.cutover.backfill.port.ReplicationJobSpec;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.testing.S3ControlStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import software.amazon.awssdk.services.s3control.S3ControlClient;

class S3ControlBatchJobsTest {

  static final String ACCOUNT = "111122223333";
  static final String JOB_ID = "8f0e6a52-4d1c-4a8e-9b7e-2f3c4d5e6f70";
  static final String TOKEN = "3f9d0c1b2a4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";

  @RegisterExtension static final WireMockExtension S3_CONTROL = S3ControlStub.extension();

  private S3ControlClient client;

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void create_job_sends_a_batch_replication_job_over_an_s3_generated_manifest_of_unreplicated_objects()
      throws Exception {
    S3_CONTROL.stubFor(post("/v20180820/jobs").willReturn(okXml(S3ControlStub.createJobResult(JOB_ID))));

    String jobId = jobs().createReplicationJob(spec("static/", List.of(ObjectReplicationStatus.NONE, ObjectReplicationStatus.FAILED)));

    assertThat(jobId).isEqualTo(JOB_ID);
    LoggedRequest request = single(postRequestedFor(urlEqualTo("/v20180820/jobs")));
    assertThat(request.getHeader("x-amz-account-id")).isEqualTo(ACCOUNT);
    assertThat(request.getHeader("Host"))
        .as("a local endpoint is used as it is, without the account id in front of the host")
        .isEqualTo("127.0.0.1:" + S3_CONTROL.getPort());
    Document body = xml(request);
    assertThat(body.getDocumentElement().getLocalName()).isEqualTo("CreateJobRequest");
    assertThat(body.getDocumentElement().getNamespaceURI()).isEqualTo(S3ControlStub.NAMESPACE);
    assertThat(text(body, "/CreateJobRequest/ClientRequestToken")).isEqualTo(TOKEN);
    assertThat(text(body, "/CreateJobRequest/ConfirmationRequired")).isEqualTo("false");
    assertThat(text(body, "/CreateJobRequest/Priority")).isEqualTo("10");
    assertThat(text(body, "/CreateJobRequest/RoleArn"))
        .isEqualTo("arn:aws:iam::111122223333:role/cutover-batch-replication");
    assertThat(text(body, "/CreateJobRequest/Description")).isEqualTo("cutover mig-1: start");
    assertThat(count(body, "/CreateJobRequest/Operation/*")).isEqualTo(1);
    assertThat(count(body, "/CreateJobRequest/Operation/S3ReplicateObject")).isEqualTo(1);
    assertThat(count(body, "/CreateJobRequest/Manifest")).as("no manifest of our own").isZero();

    String generator = "/CreateJobRequest/ManifestGenerator/S3JobManifestGenerator";
    assertThat(text(body, generator + "/SourceBucket")).isEqualTo("arn:aws:s3:::legacy-web-assets");
    assertThat(text(body, generator + "/EnableManifestOutput")).isEqualTo("true");
    assertThat(text(body, generator + "/ManifestOutputLocation/Bucket"))
        .isEqualTo("arn:aws:s3:::platform-cutover-reports");
    assertThat(text(body, generator + "/ManifestOutputLocation/ExpectedManifestBucketOwner"))
        .isEqualTo("444455556666");
    assertThat(text(body, generator + "/ManifestOutputLocation/ManifestPrefix"))
        .isEqualTo("cutover/mig-1/backfill/manifests");
    assertThat(text(body, generator + "/ManifestOutputLocation/ManifestFormat"))
        .isEqualTo("S3InventoryReport_CSV_20211130");
    assertThat(text(body, generator + "/Filter/EligibleForReplication")).isEqualTo("true");
    assertThat(texts(body, generator + "/Filter/ObjectReplicationStatuses/*"))
        .containsExactly("NONE", "FAILED");
    assertThat(texts(body, generator + "/Filter/KeyNameConstraint/MatchAnyPrefix/*"))
        .containsExactly("static/");

    assertThat(text(body, "/CreateJobRequest/Report/Enabled")).isEqualTo("true");
    assertThat(text(body, "/CreateJobRequest/Report/Bucket")).isEqualTo("arn:aws:s3:::platform-cutover-reports");
    assertThat(text(body, "/CreateJobRequest/Report/ExpectedBucketOwner")).isEqualTo("444455556666");
    assertThat(text(body, "/CreateJobRequest/Report/Format")).isEqualTo("Report_CSV_20180820");
    assertThat(text(body, "/CreateJobRequest/Report/Prefix")).isEqualTo("cutover/mig-1/backfill");
    assertThat(text(body, "/CreateJobRequest/Report/ReportScope")).isEqualTo("FailedTasksOnly");
  }

  @Test
  void a_job_for_the_whole_bucket_has_no_key_name_constraint() throws Exception {
    S3_CONTROL.stubFor(post("/v20180820/jobs").willReturn(okXml(S3ControlStub.createJobResult(JOB_ID))));

    jobs().createReplicationJob(spec(null, List.of(ObjectReplicationStatus.FAILED)));

    Document body = xml(single(postRequestedFor(urlEqualTo("/v20180820/jobs"))));
    String filter = "/CreateJobRequest/ManifestGenerator/S3JobManifestGenerator/Filter";
    assertThat(count(body, filter + "/KeyNameConstraint")).isZero();
    assertThat(texts(body, filter + "/ObjectReplicationStatuses/*")).containsExactly("FAILED");
  }

  @Test
  void create_job_retried_after_an_attempt_timeout_makes_one_job_under_one_token() throws Exception {
    S3_CONTROL.stubFor(
        post("/v20180820/jobs")
            .inScenario("slow first attempt")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okXml(S3ControlStub.createJobResult("job-from-the-abandoned-attempt")).withFixedDelay(2_000))
            .willSetStateTo("answered"));
    S3_CONTROL.stubFor(
        post("/v20180820/jobs")
            .inScenario("slow first attempt")
            .whenScenarioStateIs("answered")
            .willReturn(okXml(S3ControlStub.createJobResult(JOB_ID))));
    client = S3ControlStub.client(S3_CONTROL, Duration.ofMillis(700), S3ControlBatchJobs::client);

    String jobId = new S3ControlBatchJobs(client).createReplicationJob(spec("static/", List.of(ObjectReplicationStatus.NONE)));

    assertThat(jobId).isEqualTo(JOB_ID);
    List<LoggedRequest> attempts = S3_CONTROL.findAll(postRequestedFor(urlEqualTo("/v20180820/jobs")));
    assertThat(attempts).hasSize(2);
    List<String> tokens = new ArrayList<>();
    for (LoggedRequest attempt : attempts) {
      tokens.add(text(xml(attempt), "/CreateJobRequest/ClientRequestToken"));
    }
    assertThat(tokens).containsExactly(TOKEN, TOKEN);
  }

  @Test
  void a_token_s3_already_used_with_other_settings_is_a_precondition_failure_saying_what_to_do() {
    S3_CONTROL.stubFor(
        post("/v20180820/jobs")
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/xml")
                    .withBody(S3ControlStub.error("IdempotencyException", "Idempotency token was reused with a different request"))));

    assertThatThrownBy(() -> jobs().createReplicationJob(spec("static/", List.of(ObjectReplicationStatus.NONE))))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining(TOKEN)
        .hasMessageContaining("Start a new execution")
        .hasMessageContaining("Idempotency token was reused");
  }

  @Test
  void describe_job_reads_status_task_counts_and_failure_reasons() {
    S3_CONTROL.stubFor(
        get("/v20180820/jobs/" + JOB_ID)
            .willReturn(
                okXml(
                    S3ControlStub.describeReplicationJob(
                        JOB_ID,
                        "Failed",
                        0,
                        0,
                        0,
                        "<member><FailureCode>AccessDenied</FailureCode>"
                            + "<FailureReason>Unable to write the manifest</FailureReason></member>"))));

    BatchJob job = jobs().describeJob(ACCOUNT, JOB_ID);

    assertThat(job.jobId()).isEqualTo(JOB_ID);
    assertThat(job.status()).isEqualTo("Failed");
    assertThat(job.failureReasons())
        .containsExactly(new BatchJob.JobFailure("AccessDenied", "Unable to write the manifest"));
    assertThat(job.statusUpdateReason()).isEqualTo("Job complete");
    LoggedRequest request = single(getRequestedFor(urlEqualTo("/v20180820/jobs/" + JOB_ID)));
    assertThat(request.getHeader("x-amz-account-id")).isEqualTo(ACCOUNT);
  }

  @Test
  void describe_job_reads_progress_counts() {
    S3_CONTROL.stubFor(
        get("/v20180820/jobs/" + JOB_ID)
            .willReturn(okXml(S3ControlStub.describeReplicationJob(JOB_ID, "Active", 1200, 700, 3, ""))));

    BatchJob job = jobs().describeJob(ACCOUNT, JOB_ID);

    assertThat(job.status()).isEqualTo("Active");
    assertThat(job.totalTasks()).isEqualTo(1200);
    assertThat(job.succeededTasks()).isEqualTo(700);
    assertThat(job.failedTasks()).isEqualTo(3);
    assertThat(job.failureReasons()).isEmpty();
  }

  @Test
  void describing_a_job_s3_does_not_know_is_a_precondition_failure_naming_the_call() {
    S3_CONTROL.stubFor(
        get("/v20180820/jobs/" + JOB_ID)
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/xml")
                    .withBody(S3ControlStub.error("NoSuchJob", "The specified job does not exist"))));

    assertThatThrownBy(() -> jobs().describeJob(ACCOUNT, JOB_ID))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("DescribeJob")
        .hasMessageContaining("The specified job does not exist");
  }

  private S3ControlBatchJobs jobs() {
    client = S3ControlStub.client(S3_CONTROL, Duration.ofSeconds(5), S3ControlBatchJobs::client);
    return new S3ControlBatchJobs(client);
  }

  private static ReplicationJobSpec spec(String prefix, List<ObjectReplicationStatus> statuses) {
    return new ReplicationJobSpec(
        ACCOUNT,
        TOKEN,
        "cutover mig-1: start",
        "arn:aws:iam::111122223333:role/cutover-batch-replication",
        10,
        "arn:aws:s3:::legacy-web-assets",
        prefix,
        statuses,
        "arn:aws:s3:::platform-cutover-reports",
        "444455556666",
        "cutover/mig-1/backfill/manifests",
        "cutover/mig-1/backfill");
  }

  private static LoggedRequest single(
      com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
    List<LoggedRequest> requests = S3_CONTROL.findAll(pattern);
    assertThat(requests).hasSize(1);
    return requests.getFirst();
  }
}
