package dev.cutover.logscan.port;

import java.nio.file.Path;

/**
 * Writes the ranked key list to the report bucket. The list can hold up to 100 000 keys of up to
 * 1 KiB each, so it is written from a file, not from memory; writing the same key again replaces
 * it, which is what a retried step wants.
 */
public interface ReportBucket {

  /** Writes {@code file} as the object {@code key}, served back with {@code contentType}. */
  ReportLocation put(String key, Path file, String contentType);
}
