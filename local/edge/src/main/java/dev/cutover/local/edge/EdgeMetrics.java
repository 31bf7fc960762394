package dev.cutover.local.edge;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * CloudFront's per-distribution metrics as CloudWatch publishes them, counted from the edge's own
 * log records: per minute, {@code Requests} (Sum) and {@code 4xxErrorRate} / {@code 5xxErrorRate}
 * (the percentage of that minute's requests answered 4xx / 5xx). A minute without requests has no
 * datapoint, as in CloudWatch.
 */
public final class EdgeMetrics {

  /** One minute of one distribution. */
  public record Minute(Instant start, long requests, long status4xx, long status5xx) {

    public double errorRate4xx() {
      return requests == 0 ? 0 : 100.0 * status4xx / requests;
    }

    public double errorRate5xx() {
      return requests == 0 ? 0 : 100.0 * status5xx / requests;
    }
  }

  private final Map<String, NavigableMap<Instant, long[]>> minutes = new ConcurrentHashMap<>();

  void count(LogRecord record) {
    long[] m = minutes.computeIfAbsent(record.distributionId(), k -> new ConcurrentSkipListMap<>())
        .computeIfAbsent(record.at().truncatedTo(ChronoUnit.MINUTES), k -> new long[3]);
    synchronized (m) {
      m[0]++;
      if (record.status() >= 400 && record.status() < 500) {
        m[1]++;
      } else if (record.status() >= 500) {
        m[2]++;
      }
    }
  }

  /** The minutes of {@code distributionId} that start in {@code [from, to)} and had requests, oldest first. */
  public List<Minute> minutes(String distributionId, Instant from, Instant to) {
    NavigableMap<Instant, long[]> all = minutes.get(distributionId);
    List<Minute> out = new ArrayList<>();
    if (all == null || !from.isBefore(to)) {
      return out;
    }
    all.subMap(from, true, to, false).forEach((start, m) -> {
      synchronized (m) {
        out.add(new Minute(start, m[0], m[1], m[2]));
      }
    });
    return out;
  }

  /** Requests {@code distributionId} answered so far. */
  public long requests(String distributionId) {
    NavigableMap<Instant, long[]> all = minutes.get(distributionId);
    if (all == null) {
      return 0;
    }
    long sum = 0;
    for (long[] m : all.values()) {
      synchronized (m) {
        sum += m[0];
      }
    }
    return sum;
  }
}
