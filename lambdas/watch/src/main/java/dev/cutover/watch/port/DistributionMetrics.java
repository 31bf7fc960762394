package dev.cutover.watch.port;

import java.util.List;

/**
 * A distribution's per-minute metrics over a window, oldest first. A list is empty when CloudWatch
 * has no datapoint for it yet: CloudFront publishes its metrics with a delay, and none at all for a
 * minute without requests.
 *
 * @param errorRate5xx {@code 5xxErrorRate}, Average: the percentage of requests answered 5xx
 * @param errorRate4xx {@code 4xxErrorRate}, Average: the percentage of requests answered 4xx
 * @param requests {@code Requests}, Sum: requests per minute
 * @param messages what CloudWatch said about the data besides the datapoints (its {@code Messages},
 *     and a result it could only return in part), for the person reading the sample
 */
public record DistributionMetrics(
    List<Datapoint> errorRate5xx, List<Datapoint> errorRate4xx, List<Datapoint> requests, List<String> messages) {

  public DistributionMetrics {
    errorRate5xx = List.copyOf(errorRate5xx);
    errorRate4xx = List.copyOf(errorRate4xx);
    requests = List.copyOf(requests);
    messages = List.copyOf(messages);
  }

  /** No datapoint at all: nothing published for the window yet. */
  public static DistributionMetrics none() {
    return new DistributionMetrics(List.of(), List.of(), List.of(), List.of());
  }
}
