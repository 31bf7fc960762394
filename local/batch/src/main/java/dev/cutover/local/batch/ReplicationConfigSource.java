package dev.cutover.local.batch;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the local replication and Batch Replication read a bucket's replication configuration:
 * the XML the replication step PUTs ({@code PutBucketReplication}), as S3 would return it from
 * {@code GetBucketReplication}. An interface because the embedded S3 server of the rehearsal keeps
 * the configurations (S3Mock has no replication API); {@link InMemory} serves tests and any
 * server that lacks one.
 */
public interface ReplicationConfigSource {

  /** The bucket's configuration, or empty when it has none. Read on every use: it may change. */
  Optional<byte[]> configuration(String bucket);

  /** Configurations held in memory, put and deleted by whoever plays S3's replication API. */
  final class InMemory implements ReplicationConfigSource {

    private final Map<String, byte[]> configurations = new ConcurrentHashMap<>();

    @Override
    public Optional<byte[]> configuration(String bucket) {
      return Optional.ofNullable(configurations.get(bucket)).map(byte[]::clone);
    }

    /** {@code PutBucketReplication}: replaces the bucket's configuration. */
    public void put(String bucket, byte[] xml) {
      configurations.put(bucket, xml.clone());
    }

    /** {@code DeleteBucketReplication}. */
    public void delete(String bucket) {
      configurations.remove(bucket);
    }
  }
}
