package dev.cutover.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.json.Json;
import dev.cutover.report.aws.S3ReportStore;
import dev.cutover.report.port.BucketRef;
import dev.cutover.report.support.Fixtures;
import dev.cutover.report.support.MediaTypes;
import dev.cutover.testing.EmbeddedS3;
import dev.cutover.testing.FakeContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The handler end to end with the S3 adapter, against S3Mock: both files land where it says. */
@ExtendWith(EmbeddedS3.class)
class ReportHandlerS3Test {

  @Test
  void both_files_are_in_the_report_bucket_where_the_result_says_with_their_content_types() throws Exception {
    S3Client s3 = EmbeddedS3.client();
    EmbeddedS3.bucket(Fixtures.REPORT_BUCKET);
    List<BucketRef> opened = new ArrayList<>();
    ReportHandler handler = new ReportHandler(ref -> {
      opened.add(ref);
      return new S3ReportStore(s3, ref.bucket(), null);
    }, Reports.CLOCK);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    handler.handleRequest(new ByteArrayInputStream(Fixtures.mostFailed().toString().getBytes(StandardCharsets.UTF_8)), out, new FakeContext("cutover-report"));

    JsonNode result = Json.mapper().readTree(out.toByteArray());
    assertThat(opened).extracting(BucketRef::bucket).containsExactly(Fixtures.REPORT_BUCKET);
    ResponseBytes<GetObjectResponse> json = get(s3, result.path("json").asText());
    ResponseBytes<GetObjectResponse> html = get(s3, result.path("html").asText());
    assertThat(MediaTypes.normalized(json.response().contentType())).isEqualTo("application/json");
    assertThat(MediaTypes.normalized(html.response().contentType())).isEqualTo("text/html;charset=utf-8");

    JsonNode document = Json.mapper().readTree(json.asByteArray());
    assertThat(document.path("verdict")).isEqualTo(result.path("verdict"));
    assertThat(document.path("reasons")).isEqualTo(result.path("reasons"));
    assertThat(document.path("summary")).isEqualTo(result.path("summary"));
    assertThat(document.path("html").asText()).isEqualTo(result.path("html").asText());
    assertThat(document.path("evidence").path("verify")).isEqualTo(Fixtures.section("verify-mismatches"));

    Page page = Page.parse(html.asUtf8String());
    assertThat(page.text("verdict")).startsWith("NOT READY");
    assertThat(page.text("verify")).contains(Fixtures.IMG_KEY);
    assertThat(page.text("files")).contains(result.path("json").asText());
  }

  private static ResponseBytes<GetObjectResponse> get(S3Client s3, String uri) {
    assertThat(uri).startsWith("s3://" + Fixtures.REPORT_BUCKET + "/");
    String key = uri.substring(("s3://" + Fixtures.REPORT_BUCKET + "/").length());
    return s3.getObjectAsBytes(r -> r.bucket(Fixtures.REPORT_BUCKET).key(key));
  }
}
