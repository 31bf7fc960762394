package dev.cutover.replication.port;

import java.util.Optional;

/**
 * Where a step keeps what it needs to undo itself: objects in the report bucket that are written
 * once and never overwritten, so a retried or repeated step cannot replace the first record.
 */
public interface RecordStore {

  /** The record's bytes, or empty when nothing was recorded under {@code key}. */
  Optional<byte[]> read(Bucket bucket, String key);

  /**
   * Writes the record unless one already exists under {@code key}.
   *
   * @param recordedBy the execution writing it, kept with the object for whoever reads it later
   * @return {@code true} when this call wrote it, {@code false} when a record was already there
   *     (which is left unchanged)
   */
  boolean createIfAbsent(Bucket bucket, String key, byte[] content, String recordedBy);
}
