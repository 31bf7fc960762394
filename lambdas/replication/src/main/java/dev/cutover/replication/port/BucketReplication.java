package dev.cutover.replication.port;

import java.util.Optional;

/**
 * The source bucket's replication configuration, as the XML bytes S3 speaks, and the versioning
 * state replication depends on. Bytes rather than a parsed model so that a configuration can be
 * recorded and put back exactly as S3 returned it, including elements this code does not know.
 */
public interface BucketReplication {

  Versioning versioning(Bucket bucket);

  /** The configuration exactly as S3 returned it, or empty when the bucket has none. */
  Optional<byte[]> configuration(Bucket bucket);

  /** Replaces the bucket's configuration with these bytes, sent unchanged. */
  void putConfiguration(Bucket bucket, byte[] xml);

  void deleteConfiguration(Bucket bucket);
}
