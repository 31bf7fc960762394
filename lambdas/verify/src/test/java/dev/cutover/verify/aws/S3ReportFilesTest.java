package dev.cutover.verify.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.testing.EmbeddedS3;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The report bucket adapter against the embedded S3 server. */
@ExtendWith(EmbeddedS3.class)
class S3ReportFilesTest {

  static final String BUCKET = "report-files-test";

  static S3Client s3;
  static S3ReportFiles files;

  @BeforeAll
  static void bucket() {
    s3 = EmbeddedS3.client();
    EmbeddedS3.bucket(BUCKET);
    files = new S3ReportFiles(s3, BUCKET, "444455556666");
  }

  @Test
  void a_manifest_is_written_sse_s3_as_csv_and_named_by_its_etag_without_quotes() throws Exception {
    String csv = "legacy-web-assets,static/hero%20banner.png\n";
    Path file = Files.createTempFile("manifest", ".csv");
    Files.writeString(file, csv);

    String eTag = files.putManifest("m/source-manifest.csv", file);

    HeadObjectResponse head = s3.headObject(r -> r.bucket(BUCKET).key("m/source-manifest.csv"));
    assertThat(eTag).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(csv.getBytes(StandardCharsets.UTF_8))));
    assertThat(head.eTag()).isEqualTo("\"" + eTag + "\"");
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    assertThat(head.contentType()).isEqualTo("text/csv");
    Files.delete(file);
  }

  @Test
  void an_object_is_read_back_and_a_missing_one_is_empty() throws IOException {
    Path file = Files.createTempFile("lines", ".jsonl");
    Files.writeString(file, "{\"key\":\"a\"}\n");
    files.put("c/comparison.jsonl", file, "application/x-ndjson");

    Optional<InputStream> read = files.open("c/comparison.jsonl");
    assertThat(read).isPresent();
    try (InputStream in = read.get()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"key\":\"a\"}\n");
    }
    assertThat(s3.headObject(r -> r.bucket(BUCKET).key("c/comparison.jsonl")).contentType()).isEqualTo("application/x-ndjson");
    assertThat(files.open("c/nothing-here.jsonl")).isEmpty();
    assertThat(files.bucket()).isEqualTo(BUCKET);
    Files.delete(file);
  }
}
