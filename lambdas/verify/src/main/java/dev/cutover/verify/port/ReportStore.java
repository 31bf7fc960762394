package dev.cutover.verify.port;

import java.io.InputStream;
import java.util.Optional;

/**
 * Writes a report object to the report bucket, whole or as a multipart upload so a long list of
 * findings never has to sit in memory; and reads one back (the log scan's list of requested keys,
 * which a verification over given keys takes as {@code keysFrom}).
 */
public interface ReportStore {

  /** The object {@code key}'s content, or empty when there is no such key. The caller closes the stream. */
  Optional<InputStream> open(String key);

  /** Writes {@code content} as the object {@code key} in one request. */
  ReportLocation put(String key, byte[] content, String contentType);

  /** Starts a multipart upload of {@code key}. */
  Upload startUpload(String key, String contentType);

  /** A multipart upload in progress. */
  interface Upload {

    /**
     * Uploads part {@code partNumber} (from 1; every part but the last at least 5 MiB). Safe to
     * repeat after a failure: the same number replaces the part.
     */
    void uploadPart(int partNumber, byte[] content);

    /** Assembles the uploaded parts into the object. */
    ReportLocation complete();

    /** Discards the upload and its parts; best effort. */
    void abort();
  }
}
