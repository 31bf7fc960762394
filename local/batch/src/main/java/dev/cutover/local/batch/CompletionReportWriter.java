package dev.cutover.local.batch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.json.Json;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes a job's completion report the way S3 Batch Operations does ({@code Report_CSV_20180820}):
 * result files of CSV rows {@code Bucket, Key, VersionId, TaskStatus, HTTPStatusCode, ErrorCode,
 * ResultMessage} (the HTTP status before the error code, as S3's rows have it, whatever the
 * manifest's {@code ReportSchema} says), one for succeeded and one for failed tasks, under {@code
 * <prefix>/job-<id>/results/}, and a {@code manifest.json} listing them with their MD5 checksums.
 * {@code FailedTasksOnly} leaves the succeeded rows out. Amazon S3 User Guide, "Examples: S3
 * Batch Operations completion reports".
 *
 * <p>Rows are appended to local files as tasks end, so a job of many objects is never held in
 * memory.
 */
final class CompletionReportWriter implements Closeable {

  static final String FORMAT = "Report_CSV_20180820";
  static final String SCHEMA = "Bucket, Key, VersionId, TaskStatus, ErrorCode, HTTPStatusCode, ResultMessage";

  private final String jobId;
  private final boolean allTasks;
  private final Path succeeded;
  private final Path failed;
  private final BufferedWriter succeededOut;
  private final BufferedWriter failedOut;
  private long succeededRows;
  private long failedRows;

  CompletionReportWriter(String jobId, boolean allTasks) throws IOException {
    this.jobId = jobId;
    this.allTasks = allTasks;
    this.succeeded = Files.createTempFile("cutover-batch-succeeded", ".csv");
    this.failed = Files.createTempFile("cutover-batch-failed", ".csv");
    this.succeededOut = Files.newBufferedWriter(succeeded, StandardCharsets.UTF_8);
    this.failedOut = Files.newBufferedWriter(failed, StandardCharsets.UTF_8);
  }

  /** Records one task's final result. */
  synchronized void add(BatchTask task, BatchTask.Result result) {
    try {
      String row =
          String.join(
                  ",",
                  field(task.bucket()),
                  field(task.encodedKey()),
                  field(task.versionId()),
                  result.succeeded() ? "succeeded" : "failed",
                  field(result.httpStatus()),
                  field(result.errorCode()),
                  field(result.message()))
              + "\n";
      if (result.succeeded()) {
        if (allTasks) {
          succeededOut.write(row);
          succeededRows++;
        }
      } else {
        failedOut.write(row);
        failedRows++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Uploads the result files and the manifest through {@code put(key, bytes)}.
   *
   * @param prefix the job's report prefix, or {@code null}
   * @param bucket the report bucket, which the manifest names
   * @return the manifest's key
   */
  synchronized String write(String bucket, String prefix, Instant now, BiConsumer<String, byte[]> put) throws IOException {
    succeededOut.flush();
    failedOut.flush();
    String folder = (prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/") + "job-" + jobId + "/";
    List<ObjectNode> results = new ArrayList<>();
    if (succeededRows > 0) {
      results.add(upload(bucket, folder, "succeeded", Files.readAllBytes(succeeded), put));
    }
    if (failedRows > 0) {
      results.add(upload(bucket, folder, "failed", Files.readAllBytes(failed), put));
    }
    ObjectNode manifest = Json.mapper().createObjectNode();
    manifest.put("Format", FORMAT);
    manifest.put("ReportCreationDate", now.truncatedTo(ChronoUnit.MILLIS).toString());
    ArrayNode list = manifest.putArray("Results");
    results.forEach(list::add);
    manifest.put("ReportSchema", SCHEMA);
    String key = folder + "manifest.json";
    put.accept(key, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
    return key;
  }

  private ObjectNode upload(String bucket, String folder, String status, byte[] content, BiConsumer<String, byte[]> put) {
    String key = folder + "results/" + HexFormat.of().formatHex(sha1(jobId + "/" + status)) + ".csv";
    put.accept(key, content);
    ObjectNode result = Json.mapper().createObjectNode();
    result.put("TaskExecutionStatus", status);
    result.put("Bucket", bucket);
    result.put("MD5Checksum", HexFormat.of().formatHex(md5(content)));
    result.put("Key", key);
    return result;
  }

  /** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
  static String field(String value) {
    if (value == null) {
      return "";
    }
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return value;
    }
    return "\"" + value.replace("\"", "\"\"") + "\"";
  }

  @Override
  public synchronized void close() throws IOException {
    succeededOut.close();
    failedOut.close();
    Files.deleteIfExists(succeeded);
    Files.deleteIfExists(failed);
  }

  private static byte[] md5(byte[] content) {
    return hash("MD5", content);
  }

  private static byte[] sha1(String text) {
    return hash("SHA-1", text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hash(String algorithm, byte[] content) {
    try {
      return MessageDigest.getInstance(algorithm).digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has " + algorithm, e);
    }
  }
}
