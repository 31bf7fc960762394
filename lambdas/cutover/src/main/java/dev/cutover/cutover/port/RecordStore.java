package dev.cutover.cutover.port;

import java.util.Optional;

/**
 * Where the cutover keeps what rollback needs: an object written once, before the first change,
 * and never replaced, so a retried or repeated step cannot overwrite the truth from before the
 * cutover.
 */
public interface RecordStore {

  /** The record's bytes, or empty when nothing was recorded. */
  Optional<byte[]> read(RecordLocation location);

  /**
   * Writes the record unless one exists.
   *
   * @param recordedBy the execution writing it, kept with the object
   * @return {@code true} when this call wrote it, {@code false} when one was there (left unchanged)
   */
  boolean createIfAbsent(RecordLocation location, byte[] content, String recordedBy);
}
