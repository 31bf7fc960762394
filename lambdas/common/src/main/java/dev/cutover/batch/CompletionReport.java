package dev.cutover.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import dev.cutover.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads S3 Batch Operations completion reports ({@code Report_CSV_20180820}), whatever the job's
 * operation: a {@code manifest.json} at {@code <prefix>/job-<job id>/} listing result files, and
 * the result files themselves, CSV rows of {@code Bucket, Key, VersionId, TaskStatus, ErrorCode,
 * HTTPStatusCode, ResultMessage}. What {@code ResultMessage} holds depends on the operation (a
 * Compute checksum job puts the checksum there); this class hands it over as written.
 *
 * <p>See "Examples: S3 Batch Operations completion reports" in the Amazon S3 User Guide
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-examples-reports.html).
 * Shared by the backfill (replication failures) and the verify step's checksum comparison.
 */
public final class CompletionReport {

  /** The only report format S3 Batch Operations writes. */
  public static final String FORMAT = "Report_CSV_20180820";

  private static final Pattern HTTP_STATUS = Pattern.compile("\\d{3}");

  private CompletionReport() {}

  /**
   * One result file the manifest lists.
   *
   * @param taskExecutionStatus {@code succeeded} or {@code failed}: which tasks the file holds
   * @param bucket the bucket holding the file
   * @param key the file's key
   * @param md5Checksum the hex MD5 of the file, checked when it is read; empty when not given
   */
  public record ResultFile(String taskExecutionStatus, String bucket, String key, String md5Checksum) {

    /** Whether the file holds succeeded tasks only. */
    public boolean succeeded() {
      return taskExecutionStatus.equals("succeeded");
    }
  }

  /**
   * One row of a result file: what one task did to one object.
   *
   * @param bucket the object's bucket
   * @param key the object key, URL-decoded (the report has it URL-encoded)
   * @param versionId the object version, or {@code null}
   * @param status {@code succeeded} or {@code failed}
   * @param errorCode S3's error code, e.g. {@code AccessDenied}, or {@code null}
   * @param httpStatus the HTTP status of the task, e.g. {@code 200} or {@code 403}, or {@code null}
   * @param resultMessage what the operation reported, or {@code null}
   */
  public record Task(
      String bucket,
      String key,
      String versionId,
      String status,
      String errorCode,
      String httpStatus,
      String resultMessage) {

    public boolean failed() {
      return "failed".equals(status);
    }

    public boolean succeeded() {
      return "succeeded".equals(status);
    }

    /**
     * A report row as a task. The manifest's {@code ReportSchema} names {@code ErrorCode} before
     * {@code HTTPStatusCode}, but the rows S3 writes (and the examples in its documentation) carry
     * the HTTP status first: whichever of the two columns is a three-digit number is the status.
     *
     * @param row at least the first four fields (Bucket, Key, VersionId, TaskStatus)
     */
    public static Task of(List<String> row) {
      String fifth = field(row, 4);
      String sixth = field(row, 5);
      boolean statusFirst = fifth != null && HTTP_STATUS.matcher(fifth).matches()
          && (sixth == null || !HTTP_STATUS.matcher(sixth).matches());
      return new Task(
          row.get(0),
          decodeKey(row.get(1)),
          field(row, 2),
          row.get(3),
          statusFirst ? sixth : fifth,
          statusFirst ? fifth : sixth,
          field(row, 6));
    }
  }

  /**
   * Every result file a {@code manifest.json} lists, succeeded and failed.
   *
   * @param location where the manifest was read, for messages
   * @throws PreconditionFailedException when the manifest is not JSON, not this format, or lists a
   *     file without bucket or key: a damaged report, which reading again does not mend
   */
  public static List<ResultFile> resultFiles(InputStream manifest, String location) throws IOException {
    JsonNode root;
    try {
      root = Json.mapper().readTree(manifest);
    } catch (JsonProcessingException e) {
      throw new PreconditionFailedException(
          location + " is not JSON (" + e.getOriginalMessage() + "); the report is damaged. Read the"
              + " job's outcome in the S3 console (Batch Operations) instead.",
          e);
    }
    String format = root == null ? "" : root.path("Format").asText("");
    if (!format.equals(FORMAT)) {
      throw new PreconditionFailedException(
          location + " has Format \"" + format + "\"; cutover reads " + FORMAT
              + " completion reports only. Was the report written by another tool?");
    }
    List<ResultFile> files = new ArrayList<>();
    for (JsonNode result : root.path("Results")) {
      ResultFile file =
          new ResultFile(
              result.path("TaskExecutionStatus").asText(""),
              result.path("Bucket").asText(""),
              result.path("Key").asText(""),
              result.path("MD5Checksum").asText(""));
      if (file.bucket().isEmpty() || file.key().isEmpty()) {
        throw new PreconditionFailedException(
            location + " lists a result file without Bucket or Key; the report is damaged. Read the"
                + " job's outcome in the S3 console (Batch Operations) instead.");
      }
      files.add(file);
    }
    return files;
  }

  /**
   * Passes every row of one result file to {@code sink}, then checks the file against the
   * manifest's MD5 checksum, so a report cut short in transit is read again rather than trusted.
   * Rows are streamed: a file of millions of rows is never held in memory.
   *
   * @param location where the file was read, for messages
   * @throws PreconditionFailedException when a row has fewer than four fields or the CSV is
   *     malformed
   * @throws TransientException when the content does not match the manifest's MD5 checksum
   */
  public static void readTasks(InputStream csv, ResultFile file, String location, Consumer<Task> sink)
      throws IOException {
    MessageDigest md5 = md5();
    DigestInputStream digesting = new DigestInputStream(csv, md5);
    Reader reader = new BufferedReader(new InputStreamReader(digesting, StandardCharsets.UTF_8));
    CsvRecords records = new CsvRecords(reader);
    try {
      for (List<String> row = records.next(); row != null; row = records.next()) {
        if (row.size() < 4) {
          throw new PreconditionFailedException(
              location + " line " + records.lineNumber() + " has " + row.size() + " fields where a"
                  + " completion report has 7 (Bucket, Key, VersionId, TaskStatus, ErrorCode,"
                  + " HTTPStatusCode, ResultMessage); the report is damaged.");
        }
        sink.accept(Task.of(row));
      }
    } catch (IllegalArgumentException malformed) {
      throw new PreconditionFailedException(
          location + " is not valid CSV (" + malformed.getMessage() + "); the report is damaged.",
          malformed);
    }
    String actual = HexFormat.of().formatHex(md5.digest());
    if (!file.md5Checksum().isEmpty() && !file.md5Checksum().equalsIgnoreCase(actual)) {
      throw new TransientException(
          location + " does not match the MD5 checksum its manifest.json gives (" + file.md5Checksum()
              + ", read " + actual + "); it was read incompletely. The step is retried.");
    }
  }

  /**
   * Keys in reports are URL-encoded the way S3 encodes them in manifests and inventories: {@code
   * %XX} UTF-8 bytes, and {@code +} for a space ({@code %2B} is a plus). A key that is not valid
   * encoding is kept as written rather than guessed at.
   */
  public static String decodeKey(String encoded) {
    try {
      return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notEncoded) {
      return encoded;
    }
  }

  private static String field(List<String> row, int index) {
    if (index >= row.size() || row.get(index).isEmpty()) {
      return null;
    }
    return row.get(index);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }
}
