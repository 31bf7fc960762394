package dev.cutover.local.edge.ports;

import dev.cutover.local.edge.EdgeMetrics;
import dev.cutover.watch.port.Datapoint;
import dev.cutover.watch.port.DistributionMetrics;
import dev.cutover.watch.port.Metrics;
import dev.cutover.watch.port.MetricsQuery;
import java.util.ArrayList;
import java.util.List;

/**
 * The watch's {@link Metrics} from the edge's own log records, shaped as CloudWatch returns
 * CloudFront's: per minute {@code 5xxErrorRate} and {@code 4xxErrorRate} (Average, percent) and
 * {@code Requests} (Sum), stamped with the minute's start, oldest first, none for a minute without
 * requests.
 */
public final class WatchMetrics implements Metrics {

  private final EdgeMetrics metrics;

  public WatchMetrics(EdgeMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public DistributionMetrics read(MetricsQuery query) {
    List<Datapoint> rate5xx = new ArrayList<>();
    List<Datapoint> rate4xx = new ArrayList<>();
    List<Datapoint> requests = new ArrayList<>();
    for (EdgeMetrics.Minute m : metrics.minutes(query.distributionId(), query.from(), query.to())) {
      rate5xx.add(new Datapoint(m.start(), m.errorRate5xx()));
      rate4xx.add(new Datapoint(m.start(), m.errorRate4xx()));
      requests.add(new Datapoint(m.start(), m.requests()));
    }
    return new DistributionMetrics(rate5xx, rate4xx, requests, List.of());
  }
}
