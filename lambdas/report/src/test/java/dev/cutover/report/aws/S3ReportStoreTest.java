package dev.cutover.report.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.report.port.ReportLocation;
import dev.cutover.report.support.MediaTypes;
import dev.cutover.testing.EmbeddedS3;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The S3 adapter against S3Mock over the real wire protocol. */
@ExtendWith(EmbeddedS3.class)
class S3ReportStoreTest {

  @Test
  void an_object_is_written_with_its_content_type_and_reads_back_byte_for_byte() {
    S3Client s3 = EmbeddedS3.client();
    String bucket = EmbeddedS3.bucket("report-store-put");
    S3ReportStore store = new S3ReportStore(s3, bucket, null);
    byte[] page = "<!DOCTYPE html>\n<p>café – ✓</p>\n".getBytes(StandardCharsets.UTF_8);

    ReportLocation at = store.put("cutover/m/report/run-1/report.html", page, "text/html; charset=utf-8");

    assertThat(at.uri()).isEqualTo("s3://report-store-put/cutover/m/report/run-1/report.html");
    ResponseBytes<GetObjectResponse> back = s3.getObjectAsBytes(r -> r.bucket(bucket).key("cutover/m/report/run-1/report.html"));
    assertThat(back.asByteArray()).isEqualTo(page);
    assertThat(MediaTypes.normalized(back.response().contentType())).isEqualTo("text/html;charset=utf-8");
  }

  @Test
  void writing_again_replaces_the_object() {
    S3Client s3 = EmbeddedS3.client();
    String bucket = EmbeddedS3.bucket("report-store-again");
    S3ReportStore store = new S3ReportStore(s3, bucket, null);

    store.put("r/report.json", "{\"verdict\":\"NOT_READY\"}".getBytes(StandardCharsets.UTF_8), "application/json");
    store.put("r/report.json", "{\"verdict\":\"READY\"}".getBytes(StandardCharsets.UTF_8), "application/json");

    assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("r/report.json")).asUtf8String()).isEqualTo("{\"verdict\":\"READY\"}");
    assertThat(s3.listObjectsV2(r -> r.bucket(bucket).prefix("r/")).keyCount()).isEqualTo(1);
  }

  @Test
  void a_report_bucket_that_does_not_exist_is_a_precondition_naming_the_call() {
    S3ReportStore store = new S3ReportStore(EmbeddedS3.client(), "report-store-nowhere", null);

    assertThatThrownBy(() -> store.put("k", new byte[] {1}, "application/json"))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("PutObject")
        .hasMessageContaining("NoSuchBucket");
  }
}
