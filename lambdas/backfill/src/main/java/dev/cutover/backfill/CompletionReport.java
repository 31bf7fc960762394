package dev.cutover.backfill;

import dev.cutover.batch.CompletionReport.ResultFile;
import dev.cutover.batch.CompletionReport.Task;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the backfill reads of a completion report ({@link dev.cutover.batch.CompletionReport}):
 * the failed tasks only, as {@link FailedTask}s.
 */
final class CompletionReport {

  static final String FORMAT = dev.cutover.batch.CompletionReport.FORMAT;

  private CompletionReport() {}

  /**
   * The result files that can hold failed tasks (all but the {@code succeeded} ones) from a
   * {@code manifest.json}.
   *
   * @param location where the manifest was read, for messages
   */
  static List<ResultFile> failedResultFiles(InputStream manifest, String location) throws IOException {
    return dev.cutover.batch.CompletionReport.resultFiles(manifest, location).stream()
        .filter(file -> !file.succeeded())
        .toList();
  }

  /**
   * Passes every failed task of one result file to {@code sink}, then checks the file against the
   * manifest's MD5 checksum, so a report cut short in transit is read again rather than trusted.
   *
   * @param location where the file was read, for messages
   */
  static void readFailedTasks(InputStream csv, ResultFile file, String location, Consumer<FailedTask> sink)
      throws IOException {
    dev.cutover.batch.CompletionReport.readTasks(
        csv,
        file,
        location,
        task -> {
          if (task.failed()) {
            sink.accept(failedTask(task));
          }
        });
  }

  /** A report row as a failed task ({@link Task#of} tells the error code from the HTTP status). */
  static FailedTask failedTask(List<String> row) {
    return failedTask(Task.of(row));
  }

  /** Keys in reports are URL-encoded; see {@link dev.cutover.batch.CompletionReport#decodeKey}. */
  static String decodeKey(String encoded) {
    return dev.cutover.batch.CompletionReport.decodeKey(encoded);
  }

  private static FailedTask failedTask(Task task) {
    return new FailedTask(
        task.bucket(), task.key(), task.versionId(), task.errorCode(), task.httpStatus(), task.resultMessage());
  }
}
