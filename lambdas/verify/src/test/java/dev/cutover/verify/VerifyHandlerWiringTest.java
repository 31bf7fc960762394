package dev.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.json.Json;
import dev.cutover.testing.FakeContext;
import dev.cutover.testing.TestPlans;
import dev.cutover.verify.port.BucketRef;
import dev.cutover.verify.port.Buckets;
import dev.cutover.verify.port.ObjectStore;
import dev.cutover.verify.port.ReportStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which buckets the handler opens, as whom: each side with its own role and expected owner. */
class VerifyHandlerWiringTest {

  @Test
  void each_bucket_is_read_with_its_sides_role_region_and_owning_account() throws IOException {
    List<BucketRef> objects = new ArrayList<>();
    List<BucketRef> reports = new ArrayList<>();
    MemoryReports written = new MemoryReports();
    Buckets recording =
        new Buckets() {
          @Override
          public ObjectStore objects(BucketRef bucket) {
            objects.add(bucket);
            return MemoryStore.s3(bucket.bucket(), 10).put("static/a.css", "a");
          }

          @Override
          public ReportStore reports(BucketRef bucket) {
            reports.add(bucket);
            return written;
          }
        };
    byte[] payload = Json.write(TestPlans.payload(TestPlans.json("legacy-web-assets", "platform-web-assets", "platform-cutover-reports", "static/"))).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    new VerifyHandler(recording, () -> Verification.SETTINGS, d -> {}).handleRequest(new ByteArrayInputStream(payload), out, new FakeContext("cutover-verify"));

    String session = "assets-to-platform-account";
    assertThat(objects)
        .containsExactly(
            new BucketRef("legacy-web-assets", "us-east-1", "arn:aws:iam::111122223333:role/cutover-source", session, "111122223333"),
            new BucketRef("platform-web-assets", "us-east-1", "arn:aws:iam::444455556666:role/cutover-target", session, "444455556666"));
    assertThat(reports)
        .containsExactly(
            new BucketRef("platform-cutover-reports", "us-east-1", "arn:aws:iam::444455556666:role/cutover-target", session, "444455556666"));
    JsonNode result = Json.mapper().readTree(out.toByteArray());
    assertThat(result.path("passed").asBoolean()).isTrue();
    assertThat(result.path("objectsCompared").asLong()).isEqualTo(1);
    assertThat(written.objects).containsOnlyKeys("cutover/assets-to-platform-account/verify/nightly-2026-11-24/findings.jsonl");
  }
}
