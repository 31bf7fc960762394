package dev.cutover.verify.port;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Objects of the report bucket that the checksum comparison reads and writes: the verify step's
 * findings and the jobs' completion reports in, manifests and the comparison out. Every call is
 * made as the account that must own the report bucket.
 */
public interface ReportFiles {

  /** The report bucket's name. */
  String bucket();

  /** The object's content, or empty when there is no such key. The caller closes the stream. */
  Optional<InputStream> open(String key);

  /**
   * Writes a Batch Operations manifest, encrypted with SSE-S3 whatever the bucket's default:
   * S3 Batch Operations cannot read a CSV manifest encrypted with SSE-KMS.
   *
   * @return the object's ETag without quotes, which CreateJob names the manifest by
   */
  String putManifest(String key, Path file);

  /** Writes {@code file} to the key, replacing what is there. */
  void put(String key, Path file, String contentType);
}
