package dev.cutover.verify.port;

import java.util.Map;
import java.util.Optional;

/**
 * Read-only view of one bucket: the verify step never writes to blue or green. Implementations
 * throw the error contract ({@code dev.cutover.errors}); throttling and 5xx answers are {@code
 * TransientException}, which the step retries with backoff.
 */
public interface ObjectStore {

  /** The bucket's name, for messages and findings. */
  String bucket();

  /**
   * One page of keys under {@code prefix}, in the order S3 lists them (UTF-8 binary order).
   *
   * @param startAfter {@code null} to start at the first key, else a full key: only keys after
   *     it are listed (ListObjectsV2 {@code StartAfter}), so a verification resumed in a new
   *     invocation does not read again what it already compared
   * @param continuationToken {@code null} for the first page, then the previous page's {@link
   *     ListingPage#nextToken()}
   */
  ListingPage list(String prefix, String startAfter, String continuationToken);

  /** The object's size, checksum and metadata; empty when the key does not exist. */
  Optional<ObjectHead> head(String key);

  /** The object's tags; empty when the key does not exist (any more). */
  Optional<Map<String, String>> tags(String key);
}
