package dev.cutover.verify;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okXml;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.cutover.verify.ChecksumHandlerTest.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.testing.EmbeddedS3;
import dev.cutover.testing.S3ControlStub;
import dev.cutover.testing.TestPlans;
import dev.cutover.verify.aws.S3ControlChecksumJobs;
import dev.cutover.verify.aws.S3ReportFiles;
import dev.cutover.verify.support.Asset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * The contract between the two steps: the findings the verify step really writes are what START
 * reads, and exactly the objects it could not prove equal go to the Compute checksum manifests.
 */
@ExtendWith(EmbeddedS3.class)
class ChecksumAfterVerifyTest {

  static final String BLUE = "after-verify-blue";
  static final String GREEN = "after-verify-green";
  static final String REPORTS = "after-verify-reports";

  @RegisterExtension static final WireMockExtension S3_CONTROL = S3ControlStub.extension();

  static S3Client s3;

  @BeforeAll
  static void seed() {
    s3 = EmbeddedS3.client();
    EmbeddedS3.bucket(BLUE);
    EmbeddedS3.bucket(GREEN);
    EmbeddedS3.bucket(REPORTS);
    // Uploaded in parts before S3 stored checksums by default: the ETag ends in -1 and is no MD5.
    S3Client legacy = EmbeddedS3.clientWithoutChecksums();
    for (String bucket : new String[] {BLUE, GREEN}) {
      multipart(legacy, bucket, "static/legacy/app.js", "var legacy = 1;");
      multipart(legacy, bucket, "static/legacy/hero banner.png", bucket.equals(BLUE) ? "PNG-blue" : "PNG-gren");
    }
    Asset same = Asset.of("static/same.css", "a{}".getBytes(StandardCharsets.UTF_8)).header("Content-Type", "text/css");
    same.putTo(s3, BLUE);
    same.putTo(s3, GREEN);
    Asset typed = Asset.of("static/typed.js", "x()".getBytes(StandardCharsets.UTF_8));
    typed.header("Content-Type", "text/javascript").putTo(s3, BLUE);
    typed.header("Content-Type", "application/octet-stream").putTo(s3, GREEN);
  }

  @Test
  void the_objects_verify_left_unverified_are_the_ones_start_sends_to_compute_checksum() {
    ObjectNode plan = TestPlans.json(BLUE, GREEN, REPORTS, "static/");
    JsonNode verified = Verification.run(s3, TestPlans.payload(plan));
    assertThat(verified.at("/counts/contentUnverified").asLong()).as("the premise: verify could not prove them equal").isEqualTo(2);
    assertThat(verified.at("/counts/metadataDiffers").asLong()).isEqualTo(1);

    S3_CONTROL.stubFor(post("/v20180820/jobs").withHeader("x-amz-account-id", equalTo("111122223333"))
        .willReturn(okXml(S3ControlStub.createJobResult("after-verify-source"))));
    S3_CONTROL.stubFor(post("/v20180820/jobs").withHeader("x-amz-account-id", equalTo("444455556666"))
        .willReturn(okXml(S3ControlStub.createJobResult("after-verify-target"))));
    ObjectNode start = TestPlans.payload(plan);
    start.put("action", "START").put("stateName", "ComputeChecksums");
    verified.get("reports").forEach(file -> start.withArray("findings").add(file.path("uri").asText()));
    JsonNode started;
    try (S3ControlClient control = S3ControlStub.client(S3_CONTROL, Duration.ofSeconds(5), S3ControlChecksumJobs::client)) {
      ChecksumHandler handler =
          new ChecksumHandler(
              p -> new S3ControlChecksumJobs(control),
              p -> new S3ControlChecksumJobs(control),
              p -> new S3ReportFiles(s3, p.batch().reportBucket(), p.target().accountId()),
              "arn:aws:iam::111122223333:role/cutover-checksum",
              "arn:aws:iam::444455556666:role/cutover-checksum",
              ChecksumStep.OBJECTS_PER_PARTITION);
      started = invoke(handler, start);
    }

    assertThat(started.path("objects").asLong()).isEqualTo(2);
    String manifest = started.at("/source/manifest").asText().substring(("s3://" + REPORTS + "/").length());
    assertThat(s3.getObjectAsBytes(r -> r.bucket(REPORTS).key(manifest)).asUtf8String().lines().sorted().toList())
        .containsExactly(BLUE + ",static/legacy/app.js", BLUE + ",static/legacy/hero%20banner.png");
  }

  private static void multipart(S3Client client, String bucket, String key, String body) {
    String uploadId = client.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
    String eTag =
        client.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(1), RequestBody.fromString(body)).eTag();
    client.completeMultipartUpload(
        r -> r.bucket(bucket).key(key).uploadId(uploadId)
            .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(eTag).build())));
  }
}
