package dev.cutover.verify;

import dev.cutover.aws.S3KeyOrder;
import dev.cutover.verify.port.ListedObject;
import dev.cutover.verify.port.ListingPage;
import dev.cutover.verify.port.ObjectHead;
import dev.cutover.verify.port.ObjectStore;
import dev.cutover.verify.port.StoredChecksum;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bucket in memory that lists in a given key order, a page of {@code pageSize} at a time, and
 * counts the pages it was asked for: for the listing rules that no S3 server here can show (S3's
 * UTF-8 order, page-at-a-time reading).
 */
final class MemoryStore implements ObjectStore {

  private final String bucket;
  private final TreeMap<String, ObjectHead> objects;
  private final int pageSize;
  final AtomicInteger pagesListed = new AtomicInteger();

  MemoryStore(String bucket, Comparator<String> order, int pageSize) {
    this.bucket = bucket;
    this.objects = new TreeMap<>(order);
    this.pageSize = pageSize;
  }

  /** S3's own order. */
  static MemoryStore s3(String bucket, int pageSize) {
    return new MemoryStore(bucket, S3KeyOrder.KEYS, pageSize);
  }

  MemoryStore put(String key, String content) {
    objects.put(key, headOf(content));
    return this;
  }

  static ObjectHead headOf(String content) {
    return new ObjectHead(
        content.length(),
        "\"" + Integer.toHexString(content.hashCode()) + "\"",
        new StoredChecksum("CRC32", Integer.toHexString(content.hashCode()), true),
        null,
        false,
        Map.of("Content-Type", "text/css", "storage-class", "STANDARD"),
        Map.of());
  }

  @Override
  public String bucket() {
    return bucket;
  }

  @Override
  public ListingPage list(String prefix, String startAfter, String continuationToken) {
    pagesListed.incrementAndGet();
    List<ListedObject> page = new ArrayList<>();
    String last = null;
    String after = continuationToken != null ? continuationToken : startAfter;
    var tail = after == null ? objects : objects.tailMap(after, false);
    for (var entry : tail.entrySet()) {
      if (!entry.getKey().startsWith(prefix)) {
        continue;
      }
      if (page.size() == pageSize) {
        return new ListingPage(page, last);
      }
      page.add(new ListedObject(entry.getKey(), entry.getValue().size()));
      last = entry.getKey();
    }
    return new ListingPage(page, null);
  }

  @Override
  public Optional<ObjectHead> head(String key) {
    return Optional.ofNullable(objects.get(key));
  }

  @Override
  public Optional<Map<String, String>> tags(String key) {
    return objects.containsKey(key) ? Optional.of(Map.of()) : Optional.empty();
  }
}
