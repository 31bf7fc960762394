package dev.cutover.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.batch.CompletionReport.Task;
import dev.cutover.json.Json;
import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What one side's completion report says of one object: the checksum S3 computed, or why there is
 * none.
 *
 * <p>A succeeded Compute checksum task carries the checksum in the row's {@code ResultMessage}, a
 * JSON object; the User Guide says only that "for Compute checksum jobs, the completion report
 * contains checksum values for every object" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-examples-reports.html).
 * The members read here, {@code checksum_base64}, {@code checksum_hex} (hex, either case), {@code
 * checksumAlgorithm} and {@code checksumType}, are the ones AWS's own sample reads
 * (aws-samples/sample-s3-batch-checksum-validation, {@code checksum_results_processor}: rows such as
 * {@code b,k,,succeeded,200,,"{""checksum_hex"":""…"",""checksumAlgorithm"":""SHA256""}"}, and
 * failed rows whose message is {@code {"error": "…"}}). The value is compared as bytes, whichever
 * of the two encodings gives it; a message without either, or with another algorithm or type than
 * the job asked for, leaves the object unverified rather than guessed at.
 *
 * @param kind what the row says
 * @param value the checksum, base64 as S3 shows checksums elsewhere (HEAD); {@link Kind#CHECKSUM}
 *     only
 * @param code why there is no checksum, short enough to count by: S3's error code, {@code
 *     NoChecksumInResult}, {@code OtherChecksum} or {@code NoResult}
 * @param detail S3's message, or what the row held instead of a checksum; at most {@value
 *     #MAX_DETAIL} characters
 */
record TaskChecksum(TaskChecksum.Kind kind, String value, String code, String detail) {

  static final int MAX_DETAIL = 500;

  enum Kind {
    /** S3 computed the checksum. */
    CHECKSUM,
    /** The task failed (access denied, an SSE-C object, the object deleted since…). */
    FAILED,
    /** The task succeeded but its result holds no checksum this build can read. */
    NO_CHECKSUM,
    /** The result is a checksum of another algorithm or type than the job asked for. */
    OTHER_CHECKSUM,
    /** The report has no row for the object. */
    NO_RESULT
  }

  /** For an object the completion report does not mention. */
  static final TaskChecksum NO_RESULT =
      new TaskChecksum(Kind.NO_RESULT, null, "NoResult", "no row for this object in the completion report");

  TaskChecksum {
    detail = detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
  }

  boolean hasChecksum() {
    return kind == Kind.CHECKSUM;
  }

  /**
   * Reads one report row.
   *
   * @param algorithm the algorithm the job asked for, e.g. {@code CRC64NVME}
   * @param type the checksum type the job asked for, e.g. {@code FULL_OBJECT}
   */
  static TaskChecksum of(Task task, String algorithm, String type) {
    if (!task.succeeded()) {
      String code =
          task.errorCode() != null ? task.errorCode() : task.httpStatus() != null ? "HTTP " + task.httpStatus() : "TaskFailed";
      JsonNode failure = json(task.resultMessage());
      String detail =
          failure != null && failure.path("error").isTextual() ? failure.get("error").asText() : task.resultMessage();
      return new TaskChecksum(Kind.FAILED, null, code, detail);
    }
    JsonNode result = json(task.resultMessage());
    if (result == null || !result.isObject()) {
      return noChecksum(task.resultMessage());
    }
    String gotAlgorithm = result.path("checksumAlgorithm").asText("");
    String gotType = result.path("checksumType").asText("");
    if ((!gotAlgorithm.isEmpty() && !gotAlgorithm.equalsIgnoreCase(algorithm))
        || (!gotType.isEmpty() && !gotType.equalsIgnoreCase(type))) {
      return new TaskChecksum(
          Kind.OTHER_CHECKSUM,
          null,
          "OtherChecksum",
          "the report gives a " + gotAlgorithm + " " + gotType + " checksum where the job asked for " + algorithm + " " + type);
    }
    byte[] bytes = decode(result.path("checksum_base64").asText(""), result.path("checksum_hex").asText(""));
    if (bytes == null || bytes.length == 0) {
      return noChecksum(task.resultMessage());
    }
    return new TaskChecksum(Kind.CHECKSUM, Base64.getEncoder().encodeToString(bytes), null, null);
  }

  /** The message as JSON, or {@code null} when it is none. */
  private static JsonNode json(String message) {
    if (message == null || !message.startsWith("{")) {
      return null;
    }
    try {
      return Json.mapper().readTree(message);
    } catch (IOException notJson) {
      return null;
    }
  }

  private static byte[] decode(String base64, String hex) {
    if (!base64.isEmpty()) {
      try {
        return Base64.getDecoder().decode(base64);
      } catch (IllegalArgumentException notBase64) {
        // fall back to the hex form
      }
    }
    if (!hex.isEmpty() && hex.length() % 2 == 0) {
      try {
        return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException notHex) {
        return null;
      }
    }
    return null;
  }

  private static TaskChecksum noChecksum(String message) {
    return new TaskChecksum(
        Kind.NO_CHECKSUM,
        null,
        "NoChecksumInResult",
        "the task succeeded but its result holds no checksum: " + (message == null ? "(empty)" : message));
  }
}
