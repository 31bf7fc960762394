package dev.cutover.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.batch.CompletionReport.ResultFile;
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

  static final String LOCATION = "s3://platform-cutover-reports/cutover/mig/backfill/job-1/results/a.csv";

  @Test
  void keys_are_url_decoded_the_way_s3_encodes_them() {
    assertThat(CompletionReport.decodeKey("static/img/hero%20banner.png")).isEqualTo("static/img/hero banner.png");
    assertThat(CompletionReport.decodeKey("static/img/hero+banner.png")).isEqualTo("static/img/hero banner.png");
    assertThat(CompletionReport.decodeKey("static/c%2B%2B/notes.txt")).isEqualTo("static/c++/notes.txt");
    assertThat(CompletionReport.decodeKey("static/%E2%82%AC/caf%C3%A9%2C%20men%C3%BC.js"))
        .isEqualTo("static/€/café, menü.js");
    assertThat(CompletionReport.decodeKey("static/%F0%9F%9A%80.svg")).isEqualTo("static/🚀.svg");
  }

  @Test
  void a_key_that_is_not_valid_url_encoding_is_kept_as_written() {
    assertThat(CompletionReport.decodeKey("static/100%-done.css")).isEqualTo("static/100%-done.css");
  }

  @Test
  void failed_rows_are_read_with_quoted_messages_and_other_rows_skipped() throws IOException {
    String csv =
        "legacy-web-assets,static/app.js,3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY,failed,403,AccessDenied,\"Access Denied, check the role\"\n"
            + "legacy-web-assets,static/ok.css,aBcD,succeeded,200,,Successful\n"
            + "legacy-web-assets,static/multi.txt,eFgH,failed,500,InternalError,\"line one\nline two with \"\"quotes\"\"\"\n";

    List<FailedTask> tasks = read(csv, md5(csv));

    assertThat(tasks)
        .containsExactly(
            new FailedTask("legacy-web-assets", "static/app.js", "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", "AccessDenied", "403", "Access Denied, check the role"),
            new FailedTask("legacy-web-assets", "static/multi.txt", "eFgH", "InternalError", "500", "line one\nline two with \"quotes\""));
  }

  @Test
  void error_code_and_http_status_are_told_apart_whichever_comes_first() {
    FailedTask statusFirst =
        CompletionReport.failedTask(List.of("b", "k", "v", "failed", "400", "PermanentFailure", "refused"));
    FailedTask codeFirst =
        CompletionReport.failedTask(List.of("b", "k", "v", "failed", "PermanentFailure", "400", "refused"));

    assertThat(statusFirst.errorCode()).isEqualTo("PermanentFailure");
    assertThat(statusFirst.httpStatus()).isEqualTo("400");
    assertThat(codeFirst).isEqualTo(statusFirst);
  }

  @Test
  void a_row_without_version_code_or_message_keeps_those_empty() {
    FailedTask task = CompletionReport.failedTask(List.of("b", "a+b", "", "failed"));

    assertThat(task).isEqualTo(new FailedTask("b", "a b", null, null, null, null));
  }

  @Test
  void crlf_line_ends_and_blank_lines_are_accepted() throws IOException {
    String csv = "b,one,,failed,403,AccessDenied,no\r\n\r\nb,two,,failed,403,AccessDenied,no\r\n";

    assertThat(read(csv, md5(csv))).extracting(FailedTask::key).containsExactly("one", "two");
  }

  @Test
  void a_result_file_that_does_not_match_its_checksum_is_read_again() {
    String csv = "b,k,,failed,403,AccessDenied,no\n";

    assertThatThrownBy(() -> read(csv, md5("something else")))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining(LOCATION)
        .hasMessageContaining("MD5");
  }

  @Test
  void a_row_with_too_few_fields_is_a_damaged_report_naming_the_line() {
    String csv = "b,k,,failed,403,AccessDenied,no\nb,k2\n";

    assertThatThrownBy(() -> read(csv, ""))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining(LOCATION + " line 2 has 2 fields");
  }

  @Test
  void an_unclosed_quote_is_a_damaged_report() {
    String csv = "b,k,,failed,403,AccessDenied,\"no end\n";

    assertThatThrownBy(() -> read(csv, ""))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("not valid CSV")
        .hasMessageContaining("not closed");
  }

  @Test
  void the_manifest_lists_the_result_files_that_can_hold_failures() throws IOException {
    String manifest =
        """
        {
            "Format": "Report_CSV_20180820",
            "ReportCreationDate": "2019-04-05T17:48:39.725Z",
            "Results": [
                {
                    "TaskExecutionStatus": "succeeded",
                    "Bucket": "my-job-reports",
                    "MD5Checksum": "83b1c4cbe93fc893f54053697e10fd6e",
                    "Key": "job-f8fb9d89-a3aa-461d-bddc-ea6a1b131955/results/6217b0fab0de85c408b4be96aeaca9b195a7daa5.csv"
                },
                {
                    "TaskExecutionStatus": "failed",
                    "Bucket": "my-job-reports",
                    "MD5Checksum": "22ee037f3515975f7719699e5c416eaa",
                    "Key": "job-f8fb9d89-a3aa-461d-bddc-ea6a1b131955/results/b2ddad417e94331e9f37b44f1faf8c7ed5873f2e.csv"
                }
            ],
            "ReportSchema": "Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage"
        }
        """;

    assertThat(CompletionReport.failedResultFiles(stream(manifest), "manifest.json"))
        .containsExactly(
            new ResultFile(
                "failed",
                "my-job-reports",
                "job-f8fb9d89-a3aa-461d-bddc-ea6a1b131955/results/b2ddad417e94331e9f37b44f1faf8c7ed5873f2e.csv",
                "22ee037f3515975f7719699e5c416eaa"));
  }

  @Test
  void a_manifest_of_another_format_is_refused() {
    assertThatThrownBy(() -> CompletionReport.failedResultFiles(stream("{\"Format\":\"Report_CSV_20991231\",\"Results\":[]}"), "s3://r/manifest.json"))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("s3://r/manifest.json has Format \"Report_CSV_20991231\"");
  }

  @Test
  void a_manifest_that_is_not_json_is_a_damaged_report() {
    assertThatThrownBy(() -> CompletionReport.failedResultFiles(stream("<html>"), "s3://r/manifest.json"))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("s3://r/manifest.json is not JSON");
  }

  private static List<FailedTask> read(String csv, String md5) throws IOException {
    List<FailedTask> tasks = new ArrayList<>();
    CompletionReport.readFailedTasks(stream(csv), new ResultFile("failed", "r", "k", md5), LOCATION, tasks::add);
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
