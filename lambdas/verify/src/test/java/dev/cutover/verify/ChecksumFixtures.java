package dev.cutover.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Completion reports as S3 Batch Operations writes them, put where a job's report goes. */
final class ChecksumFixtures {

  private ChecksumFixtures() {}

  /** A succeeded Compute checksum row: the checksum in ResultMessage, a JSON object CSV-quoted. */
  static String checksumRow(String bucket, String encodedKey, String base64) {
    String hex = HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(base64)).toUpperCase(java.util.Locale.ROOT);
    String message =
        "{\"checksum_base64\":\"" + base64 + "\",\"checksum_hex\":\"" + hex
            + "\",\"checksumAlgorithm\":\"CRC64NVME\",\"checksumType\":\"FULL_OBJECT\",\"etag\":\"3858f62230ac3c915f300c664312c11f-2\"}";
    return bucket + "," + encodedKey + ",,succeeded,200,," + quoted(message) + "\n";
  }

  /** A failed row, HTTP status before the error code as S3 writes them. */
  static String failedRow(String bucket, String encodedKey, String httpStatus, String errorCode, String message) {
    return bucket + "," + encodedKey + ",,failed," + httpStatus + "," + errorCode + "," + quoted(message) + "\n";
  }

  /**
   * Writes a job's completion report under {@code <reportPrefix>/job-<jobId>/}: the result files
   * (one for succeeded tasks, one for failed ones when there are any) and the {@code
   * manifest.json} listing them with their MD5 checksums, as in the User Guide's example.
   */
  static void putCompletionReport(S3Client s3, String bucket, String reportPrefix, String jobId, String succeeded, String failed) {
    String folder = reportPrefix + "/job-" + jobId + "/";
    List<String> results = new ArrayList<>();
    if (!succeeded.isEmpty()) {
      String key = folder + "results/6217b0fab0de85c408b4be96aeaca9b195a7daa5.csv";
      s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(succeeded, StandardCharsets.UTF_8));
      results.add(result("succeeded", bucket, key, succeeded));
    }
    if (!failed.isEmpty()) {
      String key = folder + "results/b2ddad417e94331e9f37b44f1faf8c7ed5873f2e.csv";
      s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(failed, StandardCharsets.UTF_8));
      results.add(result("failed", bucket, key, failed));
    }
    String manifest =
        "{\"Format\":\"Report_CSV_20180820\",\"ReportCreationDate\":\"2026-11-24T10:21:02.000Z\",\"Results\":["
            + String.join(",", results)
            + "],\"ReportSchema\":\"Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage\"}";
    s3.putObject(r -> r.bucket(bucket).key(folder + "manifest.json"), RequestBody.fromString(manifest, StandardCharsets.UTF_8));
  }

  /** The JSON lines of an object. */
  static List<JsonNode> jsonLines(S3Client s3, String bucket, String key) {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String().split("\n")) {
      if (!line.isEmpty()) {
        try {
          lines.add(Json.mapper().readTree(line));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return lines;
  }

  private static String result(String status, String bucket, String key, String content) {
    return "{\"TaskExecutionStatus\":\"" + status + "\",\"Bucket\":\"" + bucket + "\",\"MD5Checksum\":\"" + md5(content)
        + "\",\"Key\":\"" + key + "\"}";
  }

  private static String quoted(String field) {
    return "\"" + field.replace("\"", "\"\"") + "\"";
  }

  private static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
