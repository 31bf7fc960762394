package dev.cutover.local.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.json.Json;
import dev.cutover.testing.EmbeddedS3;
import dev.cutover.testing.FakeContext;
import dev.cutover.testing.TestPlans;
import dev.cutover.verify.ChecksumHandler;
import dev.cutover.verify.aws.S3ReportFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The verify step's checksum comparison (START, DESCRIBE, COMPARE through {@link ChecksumHandler})
 * with both Compute checksum jobs run by the local Batch Operations: the completion reports it
 * writes are the ones the comparison parses. The handler is wired as the local runtime wires it
 * ({@link ChecksumHandler#local}).
 */
@ExtendWith(EmbeddedS3.class)
class ChecksumStepOnLocalBatchTest {

  static final String BLUE = "cs-local-blue";
  static final String GREEN = "cs-local-green";
  static final String REPORTS = "cs-local-reports";

  @Test
  void compare_proves_equal_content_and_catches_a_corrupted_copy_from_locally_computed_checksums() throws Exception {
    S3Client s3 = EmbeddedS3.client();
    for (String bucket : new String[] {BLUE, GREEN, REPORTS}) {
      EmbeddedS3.bucket(bucket);
    }
    put(s3, BLUE, "static/multi part.js", "the same bytes");
    put(s3, GREEN, "static/multi part.js", "the same bytes");
    put(s3, BLUE, "static/app.css", "body{color:red}");
    put(s3, GREEN, "static/app.css", "body{color:red}\u0000");
    put(s3, BLUE, "static/only-blue.js", "x");
    String findings = "cutover/assets-to-platform-account/verify/run/findings.jsonl";
    s3.putObject(r -> r.bucket(REPORTS).key(findings), RequestBody.fromString(
        finding("static/multi part.js") + "\n" + finding("static/app.css") + "\n" + finding("static/only-blue.js") + "\n",
        StandardCharsets.UTF_8));

    try (LocalBatchOperations batch = LocalBatchOperations.builder(s3).retryBackoff(Duration.ZERO).build()) {
      ChecksumHandler handler = ChecksumHandler.local(
          plan -> new LocalChecksumJobs(batch),
          plan -> new LocalChecksumJobs(batch),
          plan -> new S3ReportFiles(s3, plan.batch().reportBucket(), plan.target().accountId()),
          Map.of(
              "CUTOVER_CHECKSUM_SOURCE_ROLE_ARN", "arn:aws:iam::111122223333:role/cutover-checksum",
              "CUTOVER_CHECKSUM_TARGET_ROLE_ARN", "arn:aws:iam::444455556666:role/cutover-checksum"));

      ObjectNode start = payload("START").put("stateName", "ComputeChecksums").put("findings", "s3://" + REPORTS + "/" + findings);
      JsonNode started = invoke(handler, start);
      assertThat(started.path("objects").asLong()).isEqualTo(3);
      String sourceJob = started.at("/source/jobId").asText();
      String targetJob = started.at("/target/jobId").asText();

      ObjectNode jobs = payload("DESCRIBE").put("sourceJobId", sourceJob).put("targetJobId", targetJob);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      JsonNode progress = invoke(handler, jobs);
      while (progress.path("outcome").asText().equals("RUNNING") && System.nanoTime() < deadline) {
        LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        progress = invoke(handler, jobs);
      }
      assertThat(progress.path("outcome").asText()).isEqualTo("SUCCEEDED");
      assertThat(progress.at("/target/failedTasks").asLong()).as("green has no only-blue.js").isEqualTo(1);

      JsonNode comparison = invoke(handler, jobs.put("action", "COMPARE"));

      assertThat(comparison.path("objects").asLong()).isEqualTo(3);
      assertThat(comparison.path("verifiedEqual").asLong()).isEqualTo(1);
      assertThat(comparison.path("checksumDiffers").asLong()).isEqualTo(1);
      assertThat(comparison.at("/checksumDiffersExamples/0/key").asText()).isEqualTo("static/app.css");
      assertThat(comparison.path("stillUnverified").asLong()).isEqualTo(1);
      assertThat(comparison.path("stillUnverifiedByReason").fieldNames().next()).isEqualTo("target:NoSuchKey");
    }
  }

  static void put(S3Client s3, String bucket, String key, String body) {
    s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(body, StandardCharsets.UTF_8));
  }

  static String finding(String key) {
    ObjectNode line = Json.mapper().createObjectNode();
    line.put("key", key);
    line.putArray("categories").add("contentUnverified");
    return line.toString();
  }

  static ObjectNode payload(String action) {
    ObjectNode payload = TestPlans.payload(action, TestPlans.json(BLUE, GREEN, REPORTS, "static/"));
    payload.put("executionId", "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:local-checksums");
    return payload;
  }

  static JsonNode invoke(ChecksumHandler handler, JsonNode payload) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(Json.write(payload).getBytes(StandardCharsets.UTF_8)), out, new FakeContext("cutover-verify"));
    return Json.mapper().readTree(out.toByteArray());
  }
}
