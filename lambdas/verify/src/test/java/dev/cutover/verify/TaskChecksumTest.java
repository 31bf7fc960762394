package dev.cutover.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.batch.CompletionReport;
import dev.cutover.batch.CompletionReport.ResultFile;
import dev.cutover.verify.TaskChecksum.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Completion report rows of a Compute checksum job, in S3's CSV format, read into checksums. */
class TaskChecksumTest {

  /**
   * Rows as S3 writes them: Bucket, Key (URL-encoded), VersionId, TaskStatus, HTTP status, error
   * code, ResultMessage; a succeeded task's message is a JSON object with the checksum, quoted
   * with doubled quotes.
   */
  static final String REPORT =
      "platform-web-assets,static/js/app.js,,succeeded,200,,\"{\"\"checksum_base64\"\":\"\"AAAAAAAAAAE=\"\",\"\"checksum_hex\"\":\"\"0000000000000001\"\",\"\"checksumAlgorithm\"\":\"\"CRC64NVME\"\",\"\"checksumType\"\":\"\"FULL_OBJECT\"\",\"\"etag\"\":\"\"d41d8cd98f00b204e9800998ecf8427e-2\"\"}\"\n"
          + "platform-web-assets,static/img/hero%20banner.png,,succeeded,200,,\"{\"\"checksum_hex\"\":\"\"9C3F00AB12EF0042\"\",\"\"checksumAlgorithm\"\":\"\"CRC64NVME\"\"}\"\n"
          + "platform-web-assets,static/c%2B%2B/secret.bin,,failed,400,InvalidRequest,\"{\"\"error\"\":\"\"The object is encrypted with SSE-C\"\"}\"\n"
          + "platform-web-assets,static/denied.css,,failed,403,,Access Denied\n"
          + "platform-web-assets,static/odd.txt,,succeeded,200,,Successful\n"
          + "platform-web-assets,static/sha.txt,,succeeded,200,,\"{\"\"checksum_base64\"\":\"\"n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=\"\",\"\"checksumAlgorithm\"\":\"\"SHA256\"\",\"\"checksumType\"\":\"\"FULL_OBJECT\"\"}\"\n";

  @Test
  void each_row_becomes_the_checksum_or_the_reason_there_is_none() throws IOException {
    Map<String, TaskChecksum> byKey = read(REPORT);

    assertThat(byKey.get("static/js/app.js")).isEqualTo(new TaskChecksum(Kind.CHECKSUM, "AAAAAAAAAAE=", null, null));
    assertThat(byKey.get("static/img/hero banner.png"))
        .as("upper-case hex reads as the same bytes, shown in base64 as HEAD shows checksums")
        .isEqualTo(new TaskChecksum(Kind.CHECKSUM, "nD8AqxLvAEI=", null, null));
    assertThat(byKey.get("static/c++/secret.bin"))
        .isEqualTo(new TaskChecksum(Kind.FAILED, null, "InvalidRequest", "The object is encrypted with SSE-C"));
    assertThat(byKey.get("static/denied.css")).isEqualTo(new TaskChecksum(Kind.FAILED, null, "HTTP 403", "Access Denied"));
    assertThat(byKey.get("static/odd.txt").kind()).isEqualTo(Kind.NO_CHECKSUM);
    assertThat(byKey.get("static/odd.txt").code()).isEqualTo("NoChecksumInResult");
    assertThat(byKey.get("static/odd.txt").detail()).endsWith("Successful");
    assertThat(byKey.get("static/sha.txt").kind()).isEqualTo(Kind.OTHER_CHECKSUM);
    assertThat(byKey.get("static/sha.txt").detail()).contains("SHA256 FULL_OBJECT").contains("CRC64NVME FULL_OBJECT");
  }

  @Test
  void the_same_bytes_given_in_base64_on_one_side_and_hex_on_the_other_are_equal() throws IOException {
    Map<String, TaskChecksum> base64 = read("b,k,,succeeded,200,,\"{\"\"checksum_base64\"\":\"\"nD8AqxLvAEI=\"\"}\"\n");
    Map<String, TaskChecksum> hex = read("b,k,,succeeded,200,,\"{\"\"checksum_hex\"\":\"\"9c3f00ab12ef0042\"\"}\"\n");

    assertThat(base64.get("k")).isEqualTo(hex.get("k"));
    assertThat(base64.get("k").hasChecksum()).isTrue();
  }

  @Test
  void a_long_failure_message_is_cut_so_results_stay_small() throws IOException {
    TaskChecksum failed = read("b,k,,failed,500,InternalError," + "x".repeat(2000) + "\n").get("k");

    assertThat(failed.detail()).hasSize(TaskChecksum.MAX_DETAIL).endsWith("…");
  }

  private static Map<String, TaskChecksum> read(String csv) throws IOException {
    Map<String, TaskChecksum> byKey = new LinkedHashMap<>();
    CompletionReport.readTasks(
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
        new ResultFile("succeeded", "r", "k", ""),
        "s3://r/k",
        task -> byKey.put(task.key(), TaskChecksum.of(task, "CRC64NVME", "FULL_OBJECT")));
    return byKey;
  }
}
