package dev.cutover.local.s3;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one {@link LocalS3} adds to its S3Mock: write listeners and the buckets' replication
 * configurations. S3Mock's Spring context is built from class names, so its {@link S3Filter} finds
 * its instance's hooks here by the id LocalS3 passes in as a property.
 */
final class Hooks {

  private static final Logger LOG = LoggerFactory.getLogger(Hooks.class);

  /** Live instances by id; an entry is removed when its LocalS3 closes. */
  static final Map<String, Hooks> REGISTRY = new ConcurrentHashMap<>();

  final List<ObjectWriteListener> listeners = new CopyOnWriteArrayList<>();

  /** Each bucket's replication configuration, the XML bytes as PutBucketReplication sent them. */
  final Map<String, byte[]> replication = new ConcurrentHashMap<>();

  /**
   * Each object's {@code x-amz-website-redirect-location}, which S3Mock 5.2.0 does not store:
   * {@code bucket/key} → value for the current version, {@code bucket/key?versionId} → value per
   * version.
   */
  final Map<String, String> redirects = new ConcurrentHashMap<>();

  /**
   * The share of requests signed with temporary credentials (an assumed role: the steps' calls)
   * answered 503 SlowDown, 0 for none; requests with long-term keys (seeding, the edge, snapshots)
   * are never throttled.
   */
  volatile double throttle;

  final java.util.concurrent.atomic.AtomicLong throttled = new java.util.concurrent.atomic.AtomicLong();

  boolean throttles(String authorization) {
    double fraction = throttle;
    if (fraction <= 0 || authorization == null || !authorization.contains("Credential=ASIA")) {
      return false;
    }
    if (java.util.concurrent.ThreadLocalRandom.current().nextDouble() >= fraction) {
      return false;
    }
    throttled.incrementAndGet();
    return true;
  }

  void fire(ObjectWrite write) {
    for (ObjectWriteListener listener : listeners) {
      try {
        listener.onWrite(write);
      } catch (RuntimeException e) {
        LOG.warn("write listener failed on {} {}/{}", write.kind(), write.bucket(), write.key(), e);
      }
    }
  }
}
