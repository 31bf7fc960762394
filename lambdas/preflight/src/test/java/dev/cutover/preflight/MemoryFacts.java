package dev.cutover.preflight;

import dev.cutover.preflight.port.BucketFacts;
import dev.cutover.preflight.port.BucketRef;
import dev.cutover.preflight.port.Facts;
import dev.cutover.preflight.port.KeyFacts;
import dev.cutover.preflight.port.Refusal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Both sides of a migration in memory: buckets by name, and each account's aws/s3 key. Records
 * which buckets were opened as whom.
 */
final class MemoryFacts implements Facts {

  final Map<String, MemoryBucket> buckets = new HashMap<>();
  /** Account id to the ARN of its aws/s3 key; absent: DescribeKey finds none. */
  final Map<String, String> awsManagedKeys = new HashMap<>();
  /** Account ids whose DescribeKey is refused. */
  final Map<String, Refusal> keyRefusals = new HashMap<>();
  final List<BucketRef> opened = new ArrayList<>();
  final List<BucketRef> keysAsked = new ArrayList<>();

  MemoryBucket add(String name, String region) {
    MemoryBucket bucket = new MemoryBucket(region);
    buckets.put(name, bucket);
    return bucket;
  }

  @Override
  public BucketFacts bucket(BucketRef bucket) {
    opened.add(bucket);
    MemoryBucket found = buckets.get(bucket.bucket());
    if (found == null) {
      MemoryBucket missing = new MemoryBucket(bucket.region());
      missing.refuseAll = new Refusal(Refusal.Reason.NO_SUCH_BUCKET, "HeadBucket", "s3:ListBucket", "NoSuchBucket, HTTP 404");
      return missing;
    }
    return found;
  }

  @Override
  public KeyFacts keys(BucketRef bucket) {
    return () -> {
      keysAsked.add(bucket);
      Refusal refusal = keyRefusals.get(bucket.expectedOwner());
      if (refusal != null) {
        throw refusal;
      }
      return Optional.ofNullable(awsManagedKeys.get(bucket.expectedOwner()));
    };
  }
}
