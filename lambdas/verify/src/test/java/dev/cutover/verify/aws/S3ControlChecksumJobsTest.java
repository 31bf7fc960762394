package dev.cutover.verify.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okXml;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.cutover.testing.S3ControlStub.text;
import static dev.cutover.testing.S3ControlStub.texts;
import static dev.cutover.testing.S3ControlStub.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.testing.S3ControlStub;
import dev.cutover.verify.port.ChecksumJob;
import dev.cutover.verify.port.ChecksumJobSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/** The S3 Control adapter against WireMock, with bodies as the API reference shows them. */
class S3ControlChecksumJobsTest {

  static final String ACCOUNT = "111122223333";
  static final String JOB_ID = "5e1e7e3a-8c2b-4f0e-9d1a-0b2c3d4e5f60";
  static final String TOKEN = "0c5b7e2f9a1d4c6e8b3a5f7d9e1c3b5a7d9f1e3c5b7a9d1f3e5c7b9a1d3f5e7c";
  static final String MANIFEST = "arn:aws:s3:::platform-cutover-reports/cutover/mig-1/checksum/run-1/ComputeChecksums/source-manifest.csv";
  static final String REPORT_PREFIX = "cutover/mig-1/checksum/run-1/ComputeChecksums/source";

  @RegisterExtension static final WireMockExtension S3_CONTROL = S3ControlStub.extension();

  private S3ControlClient client;

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void create_job_sends_a_crc64nvme_full_object_compute_checksum_job_over_our_csv_manifest() throws Exception {
    S3_CONTROL.stubFor(post("/v20180820/jobs").willReturn(okXml(S3ControlStub.createJobResult(JOB_ID))));

    String jobId = jobs(Duration.ofSeconds(5)).createComputeChecksumJob(spec());

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
    assertThat(text(body, "/CreateJobRequest/RoleArn")).isEqualTo("arn:aws:iam::111122223333:role/cutover-checksum");
    assertThat(text(body, "/CreateJobRequest/Description")).isEqualTo("cutover mig-1: compute checksums (source)");

    assertThat(texts(body, "/CreateJobRequest/Operation/*")).as("exactly one operation").hasSize(1);
    assertThat(text(body, "/CreateJobRequest/Operation/S3ComputeObjectChecksum/ChecksumAlgorithm")).isEqualTo("CRC64NVME");
    assertThat(text(body, "/CreateJobRequest/Operation/S3ComputeObjectChecksum/ChecksumType")).isEqualTo("FULL_OBJECT");

    assertThat(text(body, "/CreateJobRequest/Manifest/Spec/Format")).isEqualTo("S3BatchOperations_CSV_20180820");
    assertThat(texts(body, "/CreateJobRequest/Manifest/Spec/Fields/*")).containsExactly("Bucket", "Key");
    assertThat(text(body, "/CreateJobRequest/Manifest/Location/ObjectArn")).isEqualTo(MANIFEST);
    assertThat(text(body, "/CreateJobRequest/Manifest/Location/ETag")).isEqualTo("9b2cf535f27731c974343645a3985328");
    assertThat(texts(body, "/CreateJobRequest/ManifestGenerator")).as("our own manifest, not a generated one").isEmpty();

    assertThat(text(body, "/CreateJobRequest/Report/Bucket")).isEqualTo("arn:aws:s3:::platform-cutover-reports");
    assertThat(text(body, "/CreateJobRequest/Report/Enabled")).isEqualTo("true");
    assertThat(text(body, "/CreateJobRequest/Report/Format")).isEqualTo("Report_CSV_20180820");
    assertThat(text(body, "/CreateJobRequest/Report/Prefix")).isEqualTo(REPORT_PREFIX);
    assertThat(text(body, "/CreateJobRequest/Report/ReportScope")).as("the checksums are in the succeeded rows").isEqualTo("AllTasks");
    assertThat(text(body, "/CreateJobRequest/Report/ExpectedBucketOwner")).isEqualTo("444455556666");
  }

  @Test
  void a_create_that_timed_out_is_retried_with_the_same_token_and_finds_the_same_job() throws Exception {
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

    String jobId = jobs(Duration.ofMillis(700)).createComputeChecksumJob(spec());

    assertThat(jobId).isEqualTo(JOB_ID);
    List<LoggedRequest> attempts = S3_CONTROL.findAll(postRequestedFor(urlEqualTo("/v20180820/jobs")));
    assertThat(attempts).hasSize(2);
    List<String> tokens = new ArrayList<>();
    List<String> eTags = new ArrayList<>();
    for (LoggedRequest attempt : attempts) {
      tokens.add(text(xml(attempt), "/CreateJobRequest/ClientRequestToken"));
      eTags.add(text(xml(attempt), "/CreateJobRequest/Manifest/Location/ETag"));
    }
    assertThat(tokens).containsExactly(TOKEN, TOKEN);
    assertThat(eTags).as("the same request, so S3 answers with the first job").containsExactly(eTags.getFirst(), eTags.getFirst());
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

    assertThatThrownBy(() -> jobs(Duration.ofSeconds(5)).createComputeChecksumJob(spec()))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining(TOKEN)
        .hasMessageContaining("Start a new execution")
        .hasMessageContaining("Idempotency token was reused");
  }

  @Test
  void describe_job_reads_status_counts_operation_manifest_and_report() {
    S3_CONTROL.stubFor(
        get("/v20180820/jobs/" + JOB_ID)
            .willReturn(
                okXml(
                    S3ControlStub.describeChecksumJob(
                        JOB_ID, "Failed", MANIFEST, "platform-cutover-reports", REPORT_PREFIX, 1200, 700, 3,
                        "<member><FailureCode>AccessDenied</FailureCode>"
                            + "<FailureReason>Reading the manifest is not allowed</FailureReason></member>"))));

    ChecksumJob job = jobs(Duration.ofSeconds(5)).describeJob(ACCOUNT, JOB_ID);

    assertThat(job.jobId()).isEqualTo(JOB_ID);
    assertThat(job.status()).isEqualTo("Failed");
    assertThat(job.operation()).isEqualTo("S3ComputeObjectChecksum");
    assertThat(job.checksumAlgorithm()).isEqualTo("CRC64NVME");
    assertThat(job.checksumType()).isEqualTo("FULL_OBJECT");
    assertThat(job.manifestObjectArn()).isEqualTo(MANIFEST);
    assertThat(job.reportBucketArn()).isEqualTo("arn:aws:s3:::platform-cutover-reports");
    assertThat(job.reportPrefix()).isEqualTo(REPORT_PREFIX);
    assertThat(job.totalTasks()).isEqualTo(1200);
    assertThat(job.succeededTasks()).isEqualTo(700);
    assertThat(job.failedTasks()).isEqualTo(3);
    assertThat(job.failureReasons())
        .containsExactly(new ChecksumJob.JobFailure("AccessDenied", "Reading the manifest is not allowed"));
    assertThat(job.statusUpdateReason()).isEqualTo("Job complete");
    assertThat(single(getRequestedFor(urlEqualTo("/v20180820/jobs/" + JOB_ID))).getHeader("x-amz-account-id")).isEqualTo(ACCOUNT);
  }

  @Test
  void describe_job_names_the_operation_of_a_job_that_does_not_compute_checksums() {
    S3_CONTROL.stubFor(get("/v20180820/jobs/" + JOB_ID).willReturn(okXml(S3ControlStub.describeReplicationJob(JOB_ID))));

    ChecksumJob job = jobs(Duration.ofSeconds(5)).describeJob(ACCOUNT, JOB_ID);

    assertThat(job.operation()).isEqualTo("S3ReplicateObject");
    assertThat(job.checksumAlgorithm()).isNull();
    assertThat(job.manifestObjectArn()).isNull();
    assertThat(job.totalTasks()).isZero();
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

    assertThatThrownBy(() -> jobs(Duration.ofSeconds(5)).describeJob(ACCOUNT, JOB_ID))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("DescribeJob")
        .hasMessageContaining("The specified job does not exist");
  }

  private S3ControlChecksumJobs jobs(Duration attemptTimeout) {
    client = S3ControlStub.client(S3_CONTROL, attemptTimeout, S3ControlChecksumJobs::client);
    return new S3ControlChecksumJobs(client);
  }

  private static ChecksumJobSpec spec() {
    return new ChecksumJobSpec(
        ACCOUNT,
        TOKEN,
        "cutover mig-1: compute checksums (source)",
        "arn:aws:iam::111122223333:role/cutover-checksum",
        10,
        MANIFEST,
        "9b2cf535f27731c974343645a3985328",
        "CRC64NVME",
        "FULL_OBJECT",
        "arn:aws:s3:::platform-cutover-reports",
        "444455556666",
        REPORT_PREFIX);
  }

  private static LoggedRequest single(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
    List<LoggedRequest> requests = S3_CONTROL.findAll(pattern);
    assertThat(requests).hasSize(1);
    return requests.getFirst();
  }
}
