package dev.cutover.verify;

import dev.cutover.json.Json;
import dev.cutover.verify.port.ReportLocation;
import dev.cutover.verify.port.ReportStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The full list of findings as JSON lines in the report bucket. Lines are buffered up to one
 * part and then uploaded, so memory stays bounded however many objects differ (an empty green
 * bucket makes every blue object a finding). A small report is written with one PutObject.
 * Thread-safe: workers add findings concurrently.
 */
final class FindingsReport {

  static final String CONTENT_TYPE = "application/x-ndjson";

  /** S3's smallest part size (every part but the last). */
  static final int MIN_PART_SIZE = 5 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(FindingsReport.class);

  private final ReportStore store;
  private final String key;
  private final int partSize;
  private final Retrier retrier;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private ReportStore.Upload upload;
  private int parts;

  FindingsReport(ReportStore store, String key, int partSize, Retrier retrier) {
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException("partSize must be at least " + MIN_PART_SIZE);
    }
    this.store = store;
    this.key = key;
    this.partSize = partSize;
    this.retrier = retrier;
  }

  synchronized void add(Finding finding) {
    buffer.writeBytes((Json.write(finding) + "\n").getBytes(StandardCharsets.UTF_8));
    if (buffer.size() >= partSize) {
      uploadBufferedPart();
    }
  }

  /** Writes what is left and returns where the report is. */
  synchronized ReportLocation finish() {
    if (upload == null) {
      byte[] content = buffer.toByteArray();
      return retrier.call("PutObject " + key, () -> store.put(key, content, CONTENT_TYPE));
    }
    if (buffer.size() > 0) {
      uploadBufferedPart();
    }
    ReportStore.Upload started = upload;
    return retrier.call("CompleteMultipartUpload " + key, started::complete);
  }

  /** Discards a multipart upload in progress after a failed run; best effort. */
  synchronized void abort() {
    if (upload != null) {
      try {
        upload.abort();
      } catch (RuntimeException e) {
        LOG.warn("Could not abort the multipart upload of report {}: {}", key, e.getMessage());
      }
    }
  }

  private void uploadBufferedPart() {
    if (upload == null) {
      upload = retrier.call("CreateMultipartUpload " + key, () -> store.startUpload(key, CONTENT_TYPE));
    }
    int number = ++parts;
    byte[] content = buffer.toByteArray();
    ReportStore.Upload started = upload;
    retrier.call(
        "UploadPart " + number + " of " + key,
        () -> {
          started.uploadPart(number, content);
          return null;
        });
    buffer.reset();
  }
}
