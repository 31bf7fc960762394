package dev.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.testing.EmbeddedS3;
import dev.cutover.verify.aws.S3ReportStore;
import dev.cutover.verify.port.ReportLocation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The findings report through the S3 adapter: one PutObject when small, a multipart upload when not. */
@ExtendWith(EmbeddedS3.class)
class FindingsReportTest {

  private static final String REPORTS = "report-store";
  private static S3Client s3;

  @BeforeAll
  static void bucket() {
    s3 = EmbeddedS3.client();
    EmbeddedS3.bucket(REPORTS);
  }

  @Test
  void a_small_report_is_one_json_lines_object() {
    FindingsReport report = report("small/findings.jsonl");
    report.add(finding("static/a.css"));
    report.add(finding("static/b.css"));

    ReportLocation location = report.finish();

    ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(r -> r.bucket(REPORTS).key(location.key()));
    assertThat(location).isEqualTo(new ReportLocation(REPORTS, "small/findings.jsonl"));
    assertThat(object.response().contentType()).isEqualTo("application/x-ndjson");
    assertThat(object.response().eTag()).doesNotContain("-");
    assertThat(object.asString(StandardCharsets.UTF_8).lines().toList())
        .containsExactly(
            "{\"key\":\"static/a.css\",\"categories\":[\"missingOnTarget\"],\"fields\":[],\"source\":{\"size\":\"3\"},\"target\":{}}",
            "{\"key\":\"static/b.css\",\"categories\":[\"missingOnTarget\"],\"fields\":[],\"source\":{\"size\":\"3\"},\"target\":{}}");
  }

  @Test
  void an_empty_report_still_exists_as_evidence_that_nothing_differed() {
    ReportLocation location = report("empty/findings.jsonl").finish();

    assertThat(s3.headObject(r -> r.bucket(REPORTS).key(location.key())).contentLength()).isZero();
  }

  @Test
  void a_report_larger_than_a_part_is_uploaded_in_parts_and_reads_back_whole() {
    FindingsReport report = report("large/findings.jsonl");
    int findings = 70_000; // about 7 MiB of lines: more than one 5 MiB part
    for (int i = 0; i < findings; i++) {
      report.add(finding(String.format("static/generated/asset-%06d.css", i)));
    }

    ReportLocation location = report.finish();

    ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(r -> r.bucket(REPORTS).key(location.key()));
    assertThat(object.response().eTag()).endsWith("-2\"");
    List<String> lines = object.asString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(findings);
    assertThat(lines.getFirst()).contains("asset-000000.css");
    assertThat(lines.getLast()).contains("asset-069999.css");
    assertThat(s3.listMultipartUploads(r -> r.bucket(REPORTS)).uploads()).isEmpty();
  }

  @Test
  void a_failed_run_aborts_its_multipart_upload() {
    FindingsReport report = report("aborted/findings.jsonl");
    for (int i = 0; i < 60_000; i++) {
      report.add(finding(String.format("static/generated/asset-%06d.css", i)));
    }
    assertThat(s3.listMultipartUploads(r -> r.bucket(REPORTS).prefix("aborted/")).uploads()).hasSize(1);

    report.abort();

    assertThat(s3.listMultipartUploads(r -> r.bucket(REPORTS).prefix("aborted/")).uploads()).isEmpty();
    assertThat(s3.listObjectsV2(r -> r.bucket(REPORTS).prefix("aborted/")).contents()).isEmpty();
  }

  private static FindingsReport report(String key) {
    return new FindingsReport(
        new S3ReportStore(s3, REPORTS, null),
        key,
        FindingsReport.MIN_PART_SIZE,
        new Retrier(new Backoff(3, Duration.ofMillis(1), Duration.ofMillis(5)), Retrier.Sleeper.REAL));
  }

  private static Finding finding(String key) {
    return ObjectVerifier.absent(key, Category.MISSING_ON_TARGET, 3, true);
  }
}
