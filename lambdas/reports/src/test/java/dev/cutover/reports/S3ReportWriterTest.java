package dev.cutover.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.testing.EmbeddedS3;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;

/** The report bucket over the embedded S3 server's real wire protocol. */
@ExtendWith(EmbeddedS3.class)
class S3ReportWriterTest {

  private static final String BUCKET = EmbeddedS3.bucket("report-writer");

  private final S3Client s3 = EmbeddedS3.client();
  private final S3ReportWriter reports = new S3ReportWriter(s3, BUCKET, null);

  private String read(String key) throws IOException {
    try (InputStream in = reports.open(key).orElseThrow()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void bytes_and_files_are_stored_with_their_type_and_a_crc32_s3_checked() throws IOException {
    reports.put("run/a.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "application/json");
    Path file = Files.writeString(Files.createTempFile("report", ".jsonl"), "{\"key\":\"x\"}\n");
    reports.put("run/b.jsonl", file, "application/x-ndjson");

    assertThat(read("run/a.json")).isEqualTo("{\"a\":1}");
    assertThat(read("run/b.jsonl")).isEqualTo("{\"key\":\"x\"}\n");
    var head = s3.headObject(r -> r.bucket(BUCKET).key("run/a.json").checksumMode(ChecksumMode.ENABLED));
    assertThat(head.contentType()).isEqualTo("application/json");
    assertThat(head.checksumCRC32()).isNotBlank();
  }

  @Test
  void a_key_that_is_not_there_reads_as_empty() {
    assertThat(reports.open("run/never-written.json")).isEmpty();
  }

  @Test
  void a_multipart_upload_joins_its_parts_in_number_order_whatever_the_order_they_came() throws IOException {
    byte[] first = new byte[5 * 1024 * 1024];
    Arrays.fill(first, (byte) 'a');
    S3ReportWriter.Multipart upload = reports.startUpload("run/big.jsonl", "application/x-ndjson");
    upload.uploadPart(2, "tail".getBytes(StandardCharsets.UTF_8));
    upload.uploadPart(1, first);
    upload.complete();

    String stored = read("run/big.jsonl");
    assertThat(stored).hasSize(first.length + 4).startsWith("aaaa").endsWith("atail");
  }

  @Test
  void an_aborted_upload_leaves_no_object() {
    S3ReportWriter.Multipart upload = reports.startUpload("run/aborted.jsonl", "application/x-ndjson");
    upload.uploadPart(1, "x".getBytes(StandardCharsets.UTF_8));
    upload.abort();

    assertThat(reports.open("run/aborted.jsonl")).isEmpty();
  }

  @Test
  void a_bucket_that_does_not_exist_is_an_error_of_the_contract_naming_the_call() {
    S3ReportWriter missing = new S3ReportWriter(s3, "no-such-report-bucket", null);

    assertThatThrownBy(() -> missing.put("k", new byte[] {1}, "application/octet-stream"))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("PutObject");
  }
}
