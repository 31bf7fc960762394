package dev.cutover.verify;

import dev.cutover.verify.port.ListedObject;
import dev.cutover.verify.port.ListingPage;
import dev.cutover.verify.port.ObjectHead;
import dev.cutover.verify.port.ObjectStore;
import dev.cutover.verify.port.ReportLocation;
import dev.cutover.verify.port.ReportStore;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Blue and green of a {@link BenchDataset} without a server: listings generated page by page (at
 * most 1000 keys, in UTF-8 order, the next page's start in the continuation token), HEAD answered
 * from the key, and a report store that counts the bytes it is given and keeps none. Nothing here
 * holds more than one page, so a run's heap is the code under test's.
 */
final class SyntheticBuckets {

  static final int PAGE_SIZE = 1000;

  private SyntheticBuckets() {}

  /** Blue ({@code green == false}) or green of {@code data}. */
  static ObjectStore side(BenchDataset data, boolean green) {
    return new Side(data, green);
  }

  /** A report store that discards what it is given; {@link #bytes()} says how much. */
  static final class DiscardingReports implements ReportStore {

    private final AtomicLong bytes = new AtomicLong();

    long bytes() {
      return bytes.get();
    }

    @Override
    public ReportLocation put(String key, byte[] content, String contentType) {
      bytes.addAndGet(content.length);
      return new ReportLocation("synthetic", key);
    }

    /** Nothing is kept, so nothing can be read back. */
    @Override
    public Optional<InputStream> open(String key) {
      return Optional.empty();
    }

    @Override
    public Upload startUpload(String key, String contentType) {
      return new Upload() {
        @Override
        public void uploadPart(int partNumber, byte[] content) {
          bytes.addAndGet(content.length);
        }

        @Override
        public ReportLocation complete() {
          return new ReportLocation("synthetic", key);
        }

        @Override
        public void abort() {}
      };
    }
  }

  private record Side(BenchDataset data, boolean green) implements ObjectStore {

    @Override
    public String bucket() {
      return green ? BenchDataset.GREEN : BenchDataset.BLUE;
    }

    /**
     * The token is the next object's index, with a {@code +} when that object's extra key (green)
     * is still to come because the previous page filled up after its own key.
     */
    @Override
    public ListingPage list(String prefix, String startAfter, String continuationToken) {
      if (!prefix.isEmpty() || startAfter != null) {
        throw new IllegalArgumentException("the synthetic buckets are listed whole, from the first key");
      }
      int i = 0;
      boolean extraPending = false;
      if (continuationToken != null) {
        extraPending = continuationToken.endsWith("+");
        i = Integer.parseInt(extraPending ? continuationToken.substring(0, continuationToken.length() - 1) : continuationToken);
      }
      List<ListedObject> page = new ArrayList<>(PAGE_SIZE);
      while (i < data.objects()) {
        if (!extraPending) {
          if (page.size() == PAGE_SIZE) {
            return new ListingPage(page, Integer.toString(i));
          }
          BenchDataset.Difference difference = data.difference(i);
          if (!green || difference != BenchDataset.Difference.MISSING) {
            page.add(data.listed(i, green));
          }
          extraPending = green && difference == BenchDataset.Difference.EXTRA;
          if (!extraPending) {
            i++;
          }
          continue;
        }
        if (page.size() == PAGE_SIZE) {
          return new ListingPage(page, i + "+");
        }
        page.add(new ListedObject(data.extraKey(i), data.extraSize(i)));
        extraPending = false;
        i++;
      }
      return new ListingPage(page, null);
    }

    @Override
    public Optional<ObjectHead> head(String key) {
      int i = data.index(key);
      if (i < 0) {
        return Optional.empty();
      }
      BenchDataset.Difference difference = data.difference(i);
      boolean extra = BenchDataset.isExtra(key);
      long size;
      long content;
      if (extra) {
        if (!green || difference != BenchDataset.Difference.EXTRA) {
          return Optional.empty();
        }
        size = data.extraSize(i);
        content = BenchDataset.mix(i, 8);
      } else {
        if (green && difference == BenchDataset.Difference.MISSING) {
          return Optional.empty();
        }
        size = green ? data.greenSize(i) : data.blueSize(i);
        content = BenchDataset.mix(i, 6) ^ (green && difference == BenchDataset.Difference.CONTENT ? 1 : 0);
      }
      // An ETag shaped like S3's for a single-part upload: a quoted 32-digit hex digest.
      String eTag = String.format("\"%016x%016x\"", content, BenchDataset.mix(content, 9));
      return Optional.of(
          new ObjectHead(
              size,
              eTag,
              null,
              null,
              false,
              Map.of("Content-Type", data.contentType(key), "storage-class", "STANDARD"),
              Map.of()));
    }

    @Override
    public Optional<Map<String, String>> tags(String key) {
      return head(key).map(h -> Map.of());
    }
  }
}
