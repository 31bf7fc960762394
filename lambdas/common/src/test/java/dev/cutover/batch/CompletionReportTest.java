package dev.cutover.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.batch.CompletionReport.ResultFile;
import dev.cutover.batch.CompletionReport.Task;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionReportTest {

  static final String LOCATION = "s3://reports/cutover/job-1/results/a.csv";

  @Test
  void every_row_is_read_succeeded_and_failed_with_its_result_message_as_written() throws IOException {
    String csv =
        "assets,static/app.js,,succeeded,200,,\"{\"\"checksum_base64\"\":\"\"AAAAAAAAAAE=\"\"}\"\n"
            + "assets,static/hero%20banner.png,,failed,403,AccessDenied,\"Access Denied, check the role\"\n";

    List<Task> tasks = read(csv, md5(csv));

    assertThat(tasks)
        .containsExactly(
            new Task("assets", "static/app.js", null, "succeeded", null, "200", "{\"checksum_base64\":\"AAAAAAAAAAE=\"}"),
            new Task("assets", "static/hero banner.png", null, "failed", "AccessDenied", "403", "Access Denied, check the role"));
    assertThat(tasks.get(0).succeeded()).isTrue();
    assertThat(tasks.get(1).failed()).isTrue();
  }

  @Test
  void the_manifest_lists_every_result_file_succeeded_ones_included() throws IOException {
    String manifest =
        """
        {"Format":"Report_CSV_20180820","ReportCreationDate":"2019-04-05T17:48:39.725Z","Results":[
          {"TaskExecutionStatus":"succeeded","Bucket":"my-job-reports","MD5Checksum":"83b1c4cbe93fc893f54053697e10fd6e",
           "Key":"job-f8fb9d89-a3aa-461d-bddc-ea6a1b131955/results/6217b0fab0de85c408b4be96aeaca9b195a7daa5.csv"},
          {"TaskExecutionStatus":"failed","Bucket":"my-job-reports","MD5Checksum":"22ee037f3515975f7719699e5c416eaa",
           "Key":"job-f8fb9d89-a3aa-461d-bddc-ea6a1b131955/results/b2ddad417e94331e9f37b44f1faf8c7ed5873f2e.csv"}],
         "ReportSchema":"Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage"}
        """;

    List<ResultFile> files = CompletionReport.resultFiles(stream(manifest), "manifest.json");

    assertThat(files).extracting(ResultFile::taskExecutionStatus).containsExactly("succeeded", "failed");
    assertThat(files.get(0).succeeded()).isTrue();
    assertThat(files.get(1).succeeded()).isFalse();
    assertThat(files.get(1).md5Checksum()).isEqualTo("22ee037f3515975f7719699e5c416eaa");
  }

  @Test
  void a_result_file_cut_short_in_transit_is_read_again() {
    String csv = "b,k,,succeeded,200,,{}\n";

    assertThatThrownBy(() -> read(csv, md5(csv + "b,k2,,succeeded,200,,{}\n")))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining(LOCATION)
        .hasMessageContaining("MD5");
  }

  @Test
  void a_manifest_without_results_lists_no_files_and_an_empty_document_is_not_a_report() throws IOException {
    assertThat(CompletionReport.resultFiles(stream("{\"Format\":\"Report_CSV_20180820\",\"Results\":[]}"), "m")).isEmpty();
    assertThatThrownBy(() -> CompletionReport.resultFiles(stream(""), "s3://r/manifest.json"))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("s3://r/manifest.json has Format \"\"");
  }

  @Test
  void a_result_file_without_a_key_is_a_damaged_report() {
    String manifest = "{\"Format\":\"Report_CSV_20180820\",\"Results\":[{\"TaskExecutionStatus\":\"failed\",\"Bucket\":\"r\"}]}";

    assertThatThrownBy(() -> CompletionReport.resultFiles(stream(manifest), "s3://r/manifest.json"))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("without Bucket or Key");
  }

  private static List<Task> read(String csv, String md5) throws IOException {
    List<Task> tasks = new ArrayList<>();
    CompletionReport.readTasks(stream(csv), new ResultFile("succeeded", "r", "k", md5), LOCATION, tasks::add);
    return tasks;
  }

  static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
