package dev.cutover.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.GarbageCollectionNotificationInfo;
import dev.cutover.verify.port.ListingPage;
import dev.cutover.verify.port.ObjectStore;
import dev.cutover.verify.port.Progress;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Our verification of a million objects against {@link SyntheticBuckets} (no server), run by
 * {@code bench/verify.sh} in a JVM of its own with {@code -Xmx256m}: does it finish, how much
 * heap did it use, how many objects per second.
 *
 * <pre>
 * SyntheticVerifyBench --objects N --mode source|merge|step --out FILE
 * </pre>
 *
 * <ul>
 *   <li>{@code source}: only pages through both synthetic listings: what generating them costs,
 *       which the other two modes include.
 *   <li>{@code merge}: {@link ListingDiff}, the listing diff measured against rclone on S3.
 *   <li>{@code step}: the whole {@link VerifyStep} in listing mode with the example plan's
 *       metadata fields: the same merge, and HEAD plus tags on both sides for every pair of equal
 *       size, on the step's pool of 8 (answered in memory).
 * </ul>
 *
 * <p>Heap is read three ways, all written to the result: the used heap just before and just after
 * every collection (GC notifications; the largest "before" is the peak the heap reached, the
 * largest "after" is the most the run kept alive), and the sum of the heap pools' peak usage (an
 * upper bound, since the pools peak at different times). {@code verify.sh} also keeps the
 * {@code -Xlog:gc} log.
 */
public final class SyntheticVerifyBench {

  private SyntheticVerifyBench() {}

  public static void main(String[] args) throws Exception {
    int objects = 1_000_000;
    String mode = "merge";
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--objects" -> objects = Integer.parseInt(args[++i]);
        case "--mode" -> mode = args[++i];
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (out == null || !Set.of("source", "merge", "step").contains(mode)) {
      System.err.println("usage: SyntheticVerifyBench --objects N --mode source|merge|step --out FILE");
      System.exit(2);
    }

    BenchDataset data = new BenchDataset(objects);
    ObjectStore blue = SyntheticBuckets.side(data, false);
    ObjectStore green = SyntheticBuckets.side(data, true);
    SyntheticBuckets.DiscardingReports reports = new SyntheticBuckets.DiscardingReports();

    HeapWatch watch = new HeapWatch();
    long start = System.nanoTime();
    long keys;
    long mismatched;
    long retries = 0;
    if (mode.equals("source")) {
      keys = drain(blue) + drain(green);
      mismatched = 0;
    } else if (mode.equals("merge")) {
      ListingDiff.Outcome outcome = ListingDiff.run(blue, green, reports, "synthetic.ndjson", false);
      keys = outcome.keys();
      mismatched = outcome.missingCount() + outcome.extraCount() + outcome.sizeDiffersCount();
    } else {
      VerifyJob job =
          new VerifyJob("bench", blue, green, "", BenchPlan.fields(), 0, reports, "synthetic.ndjson", null);
      VerifyResult result = new VerifyStep(VerifySettings.DEFAULT, Retrier.Sleeper.REAL).run(job, Progress.NONE);
      keys = result.objectsCompared();
      mismatched = result.mismatchedObjects();
      retries = result.retries();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    watch.stop();

    long expectedKeys = 0;
    long expectedMismatched = 0;
    long listed = 0;
    for (int i = 0; i < objects; i++) {
      BenchDataset.Difference d = data.difference(i);
      expectedKeys += d == BenchDataset.Difference.EXTRA ? 2 : 1;
      listed += d == BenchDataset.Difference.EXTRA ? 3 : d == BenchDataset.Difference.MISSING ? 1 : 2;
      boolean mismatch =
          d == BenchDataset.Difference.MISSING
              || d == BenchDataset.Difference.EXTRA
              || d == BenchDataset.Difference.SIZE
              || (mode.equals("step") && d == BenchDataset.Difference.CONTENT);
      expectedMismatched += mismatch ? 1 : 0;
    }
    if (mode.equals("source")) {
      expectedKeys = listed;
      expectedMismatched = 0;
    }
    if (keys != expectedKeys || mismatched != expectedMismatched) {
      throw new IllegalStateException(
          "the " + mode + " run found " + keys + " keys and " + mismatched + " mismatches; the data set has "
              + expectedKeys + " and " + expectedMismatched);
    }

    ObjectMapper json = new ObjectMapper();
    ObjectNode result = json.createObjectNode();
    result.put("mode", mode);
    result.put("objects", objects);
    result.put("keys", keys);
    result.put("mismatched", mismatched);
    result.put("retries", retries);
    result.put("seconds", seconds);
    result.put("keysPerSecond", Math.round(keys / seconds));
    result.put("reportBytes", reports.bytes());
    result.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    result.put("peakUsedBeforeGcBytes", watch.peakBeforeGc.get());
    result.put("peakLiveAfterGcBytes", watch.peakAfterGc.get());
    result.put("sumOfPoolPeaksBytes", watch.sumOfPoolPeaks());
    result.put("collections", watch.collections.get());
    result.put("runtime", "java " + Runtime.version());
    json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
    System.err.printf(
        "SyntheticVerifyBench %s: %,d keys in %.1f s (%,d keys/s), heap peak %,d KiB before GC, %,d KiB live after GC, max %,d KiB%n",
        mode, keys, seconds, Math.round(keys / seconds), watch.peakBeforeGc.get() / 1024,
        watch.peakAfterGc.get() / 1024, Runtime.getRuntime().maxMemory() / 1024);
  }

  /** Every entry of every page of {@code side}'s listing, counted. */
  private static long drain(ObjectStore side) {
    long count = 0;
    String token = null;
    do {
      ListingPage page = side.list("", null, token);
      count += page.objects().size();
      token = page.nextToken();
    } while (token != null);
    return count;
  }

  /** Heap used around every collection, from the collectors' notifications. */
  private static final class HeapWatch {

    final AtomicLong peakBeforeGc = new AtomicLong();
    final AtomicLong peakAfterGc = new AtomicLong();
    final AtomicInteger collections = new AtomicInteger();
    private final List<MemoryPoolMXBean> heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final Set<String> heapPoolNames =
        heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());

    HeapWatch() {
      System.gc();
      heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
      for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) collector)
            .addNotificationListener(
                (notification, handback) -> {
                  if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                  }
                  GarbageCollectionNotificationInfo info =
                      GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                  long before = heapUsed(info.getGcInfo().getMemoryUsageBeforeGc());
                  long after = heapUsed(info.getGcInfo().getMemoryUsageAfterGc());
                  peakBeforeGc.accumulateAndGet(before, Math::max);
                  peakAfterGc.accumulateAndGet(after, Math::max);
                  collections.incrementAndGet();
                },
                null,
                null);
      }
    }

    private long heapUsed(Map<String, MemoryUsage> pools) {
      return pools.entrySet().stream()
          .filter(e -> heapPoolNames.contains(e.getKey()))
          .mapToLong(e -> e.getValue().getUsed())
          .sum();
    }

    void stop() {
      long used = heapPools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
      peakBeforeGc.accumulateAndGet(used, Math::max);
    }

    long sumOfPoolPeaks() {
      return heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
  }
}
