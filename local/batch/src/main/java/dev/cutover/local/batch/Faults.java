package dev.cutover.local.batch;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Faults the rehearsal injects into the local Batch Operations and replication, switchable while
 * they run ({@code cutover rehearse --fault NAME}):
 *
 * <ul>
 *   <li><b>failing keys</b>: every call about a named object is answered with an S3 error (by
 *       default {@code AccessDenied}, HTTP 403) — a permanent failure: Batch tasks for it fail and
 *       its replication status becomes {@code FAILED}, as with a key policy that denies the role;
 *   <li><b>throttling</b>: a fraction of S3 calls is answered {@code SlowDown} (HTTP 503) before
 *       reaching the server, as S3 does under load: a temporary failure, which tasks and the
 *       copier retry, and which fails the task only when it persists.
 * </ul>
 *
 * <p>Thread-safe. The throttling draws from a seeded random, so a run with one seed throttles the
 * same calls when they happen in the same order.
 */
public final class Faults {

  /** The S3 error a failing key is answered with. */
  public record KeyFault(String errorCode, int httpStatus, String message) {}

  private final Map<String, KeyFault> failingKeys = new ConcurrentHashMap<>();
  private final Random random;
  private volatile double throttleFraction;
  private final Map<String, Double> bucketThrottle = new ConcurrentHashMap<>();
  private final AtomicLong throttled = new AtomicLong();

  public Faults() {
    this(42);
  }

  public Faults(long seed) {
    this.random = new Random(seed);
  }

  /** Every call about {@code bucket/key} fails with {@code AccessDenied} (HTTP 403). */
  public void failKey(String bucket, String key) {
    failKey(bucket, key, new KeyFault("AccessDenied", 403, "Access Denied"));
  }

  /** Every call about {@code bucket/key} fails with {@code fault}. */
  public void failKey(String bucket, String key, KeyFault fault) {
    failingKeys.put(bucket + "/" + key, fault);
  }

  /** Ends every failing key fault. */
  public void clearFailingKeys() {
    failingKeys.clear();
  }

  /**
   * Answers {@code fraction} of S3 calls (0 to 1) with {@code SlowDown}; 0 ends the fault.
   */
  public void throttle(double fraction) {
    if (fraction < 0 || fraction > 1) {
      throw new IllegalArgumentException("fraction must be between 0 and 1, not " + fraction);
    }
    throttleFraction = fraction;
  }

  /**
   * Answers {@code fraction} of the S3 calls about {@code bucket} with {@code SlowDown}, on top of
   * any fraction for every bucket; 0 ends it.
   */
  public void throttle(String bucket, double fraction) {
    if (fraction < 0 || fraction > 1) {
      throw new IllegalArgumentException("fraction must be between 0 and 1, not " + fraction);
    }
    if (fraction == 0) {
      bucketThrottle.remove(bucket);
    } else {
      bucketThrottle.put(bucket, fraction);
    }
  }

  /** How many calls were answered {@code SlowDown} so far. */
  public long throttledCalls() {
    return throttled.get();
  }

  /**
   * Throws the injected error for a call about {@code bucket/key} ({@code key} {@code null} for a
   * bucket-level call such as a listing), if any.
   *
   * @throws S3Exception as the SDK would raise it for S3's answer
   */
  public void check(String bucket, String key) {
    if (key != null) {
      KeyFault fault = failingKeys.get(bucket + "/" + key);
      if (fault != null) {
        throw s3Error(fault.httpStatus(), fault.errorCode(), fault.message());
      }
    }
    double fraction = Math.max(throttleFraction, bucketThrottle.getOrDefault(bucket, 0.0));
    if (fraction > 0) {
      boolean hit;
      synchronized (random) {
        hit = random.nextDouble() < fraction;
      }
      if (hit) {
        throttled.incrementAndGet();
        throw s3Error(503, "SlowDown", "Please reduce your request rate.");
      }
    }
  }

  /** An S3 error as the SDK raises it: status, error code and message in its error details. */
  static S3Exception s3Error(int status, String code, String message) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .message(message + " (Service: S3, Status Code: " + status + ")")
            .awsErrorDetails(
                AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("S3").build())
            .build();
  }
}
