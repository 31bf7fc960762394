package dev.cutover.backfill.port;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/** The objects of the report bucket: completion reports in, the failed-key list out. */
public interface ReportObjects {

  /** The object's content, or empty when there is no such key. The caller closes the stream. */
  Optional<InputStream> open(String bucket, String key);

  /** Writes {@code file} to the key, replacing what is there. */
  void put(String bucket, String key, Path file, String contentType);
}
