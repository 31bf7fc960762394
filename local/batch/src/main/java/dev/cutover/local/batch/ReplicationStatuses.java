package dev.cutover.local.batch;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replication status of every object the local replication or a Batch Replication job
 * touched, by bucket and key; every other object is {@link ReplicationStatus#NONE}. S3 keeps this
 * status on the object; no embedded server does, so it lives here, where the embedded S3 module
 * can also read it to answer HEAD's {@code x-amz-replication-status}.
 *
 * <p>A {@code COMPLETED} entry remembers the ETag it replicated, so an object overwritten since
 * (a new version) is stale and is copied again.
 */
public final class ReplicationStatuses {

  /** What is known of one object. */
  public record Entry(ReplicationStatus status, String replicatedETag) {}

  private final Map<ObjectKey, Entry> entries = new ConcurrentHashMap<>();

  /** The object's status; {@code NONE} when nothing was recorded. */
  public ReplicationStatus status(String bucket, String key) {
    Entry entry = entries.get(new ObjectKey(bucket, key));
    return entry == null ? ReplicationStatus.NONE : entry.status();
  }

  /** What was recorded for the object, or {@code null}. */
  public Entry entry(String bucket, String key) {
    return entries.get(new ObjectKey(bucket, key));
  }

  /** Records a status; {@code replicatedETag} only matters for {@code COMPLETED}. */
  public void record(String bucket, String key, ReplicationStatus status, String replicatedETag) {
    entries.put(new ObjectKey(bucket, key), new Entry(status, replicatedETag));
  }

  /** Forgets the object (deleted): it is {@code NONE} again if it comes back. */
  public void forget(String bucket, String key) {
    entries.remove(new ObjectKey(bucket, key));
  }

  /** Every key of {@code bucket} recorded with {@code status}. */
  public java.util.List<String> keys(String bucket, ReplicationStatus status) {
    return entries.entrySet().stream()
        .filter(e -> e.getKey().bucket().equals(bucket) && e.getValue().status() == status)
        .map(e -> e.getKey().key())
        .sorted()
        .toList();
  }

  private record ObjectKey(String bucket, String key) {
    ObjectKey {
      Objects.requireNonNull(bucket);
      Objects.requireNonNull(key);
    }
  }
}
