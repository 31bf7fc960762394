package dev.cutover.watch.support;

import dev.cutover.watch.port.Datapoint;
import dev.cutover.watch.port.DistributionMetrics;
import dev.cutover.watch.port.Metrics;
import dev.cutover.watch.port.MetricsQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudWatch in memory: the datapoints a test publishes, returned for every query whatever its
 * window (as a careless stand-in might), so the step's own filtering is what is tested. Records
 * each query.
 */
public final class InMemoryMetrics implements Metrics {

  public final List<MetricsQuery> queries = new ArrayList<>();
  private final List<Datapoint> errorRate5xx = new ArrayList<>();
  private final List<Datapoint> errorRate4xx = new ArrayList<>();
  private final List<Datapoint> requests = new ArrayList<>();
  private final List<String> messages = new ArrayList<>();

  public InMemoryMetrics rate5xx(String minute, double percent) {
    errorRate5xx.add(new Datapoint(Instant.parse(minute), percent));
    return this;
  }

  public InMemoryMetrics rate4xx(String minute, double percent) {
    errorRate4xx.add(new Datapoint(Instant.parse(minute), percent));
    return this;
  }

  public InMemoryMetrics requests(String minute, double count) {
    requests.add(new Datapoint(Instant.parse(minute), count));
    return this;
  }

  public InMemoryMetrics message(String message) {
    messages.add(message);
    return this;
  }

  /** A minute with traffic: its requests and both rates. */
  public InMemoryMetrics minute(String minute, double requestCount, double percent5xx, double percent4xx) {
    return requests(minute, requestCount).rate5xx(minute, percent5xx).rate4xx(minute, percent4xx);
  }

  @Override
  public synchronized DistributionMetrics read(MetricsQuery query) {
    queries.add(query);
    return new DistributionMetrics(errorRate5xx, errorRate4xx, requests, messages);
  }
}
