package dev.cutover.watch.aws;

import dev.cutover.aws.AwsClients;
import dev.cutover.aws.AwsErrors;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import dev.cutover.watch.port.Datapoint;
import dev.cutover.watch.port.DistributionMetrics;
import dev.cutover.watch.port.Metrics;
import dev.cutover.watch.port.MetricsQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MessageData;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * {@link Metrics} over CloudWatch {@code GetMetricData}: one request for the three series of green's
 * distribution, following {@code NextToken} until CloudWatch has returned everything.
 *
 * <p>CloudFront's metrics live in us-east-1 whatever the bucket's region, in namespace {@value
 * #NAMESPACE}, with dimensions {@code DistributionId} and {@code Region=Global} (CloudFront
 * Developer Guide, "Types of metrics for CloudFront"). The error rates are read with their one
 * valid statistic, Average (unit Percent), requests with Sum; all with a 60-second period. The
 * client is green's role's: the metrics are published in the account that owns the distribution,
 * and the role needs {@code cloudwatch:GetMetricData} (an action without resource-level
 * permissions: {@code "Resource": "*"}).
 *
 * <p>SDK 2.40.2 speaks CloudWatch's AWS Query protocol: a form-encoded POST with {@code
 * Action=GetMetricData&Version=2010-08-01}, answered with XML in the {@code
 * http://monitoring.amazonaws.com/doc/2010-08-01/} namespace (the adapter test pins both).
 *
 * <p>A result's {@code StatusCode} is read as the API reference says: {@code PartialData} means more
 * pages follow; {@code InternalError} is a {@link TransientException} (retrying may pass); {@code
 * Forbidden} a {@link PreconditionFailedException}. Other failures go through {@link AwsErrors}.
 */
public final class CloudWatchMetrics implements Metrics {

  /** Where CloudWatch holds CloudFront's metrics. */
  public static final Region METRICS_REGION = Region.US_EAST_1;

  public static final String NAMESPACE = "AWS/CloudFront";
  public static final int PERIOD_SECONDS = 60;

  /** Query ids; CloudWatch wants them to start with a lowercase letter. */
  static final String ID_5XX = "errorRate5xx";
  static final String ID_4XX = "errorRate4xx";
  static final String ID_REQUESTS = "requests";

  /** Pages followed before giving up on a NextToken that does not end; a window needs one. */
  static final int MAX_PAGES = 20;

  /** Builds a CloudWatch client for a role and session, in a region. */
  @FunctionalInterface
  public interface ClientFactory {
    CloudWatchClient client(String roleArn, String sessionName, Region region);
  }

  private record ClientKey(String roleArn, String sessionName) {}

  private final ClientFactory factory;
  private final Map<ClientKey, CloudWatchClient> clients = new ConcurrentHashMap<>();

  /** Clients from {@code aws}, one per role, kept for the container's life. */
  public CloudWatchMetrics(AwsClients aws) {
    this((role, session, region) -> aws.forAccount(role, session, region).build(CloudWatchClient.builder(), "CloudWatch"));
  }

  public CloudWatchMetrics(ClientFactory factory) {
    this.factory = factory;
  }

  @Override
  public DistributionMetrics read(MetricsQuery query) {
    CloudWatchClient client =
        clients.computeIfAbsent(
            new ClientKey(query.roleArn(), query.sessionName()),
            k -> factory.client(k.roleArn(), k.sessionName(), METRICS_REGION));
    GetMetricDataRequest first =
        GetMetricDataRequest.builder()
            .metricDataQueries(
                metric(ID_5XX, "5xxErrorRate", "Average", query.distributionId()),
                metric(ID_4XX, "4xxErrorRate", "Average", query.distributionId()),
                metric(ID_REQUESTS, "Requests", "Sum", query.distributionId()))
            .startTime(query.from())
            .endTime(query.to())
            .scanBy(ScanBy.TIMESTAMP_ASCENDING)
            .build();

    Map<String, List<Datapoint>> series = new LinkedHashMap<>();
    Map<String, StatusCode> lastStatus = new LinkedHashMap<>();
    List<String> messages = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      GetMetricDataRequest request = token == null ? first : first.toBuilder().nextToken(token).build();
      GetMetricDataResponse page;
      try {
        page = client.getMetricData(request);
      } catch (SdkException e) {
        throw AwsErrors.translate(e, "GetMetricData");
      }
      pages++;
      for (MetricDataResult result : page.metricDataResults()) {
        check(result, query);
        List<Datapoint> points = series.computeIfAbsent(result.id(), id -> new ArrayList<>());
        int n = Math.min(result.timestamps().size(), result.values().size());
        for (int i = 0; i < n; i++) {
          points.add(new Datapoint(result.timestamps().get(i), result.values().get(i)));
        }
        lastStatus.put(result.id(), result.statusCode());
        result.messages().forEach(m -> messages.add(result.id() + ": " + text(m)));
      }
      page.messages().forEach(m -> messages.add(text(m)));
      token = page.nextToken();
    } while (token != null && !token.isEmpty() && pages < MAX_PAGES);

    if (token != null && !token.isEmpty()) {
      messages.add("more than " + MAX_PAGES + " pages of datapoints; the rest were not read.");
    }
    lastStatus.forEach((id, status) -> {
      if (status == StatusCode.PARTIAL_DATA) {
        messages.add(id + ": CloudWatch returned only part of the datapoints (PartialData) and no NextToken.");
      }
    });
    return new DistributionMetrics(
        series.getOrDefault(ID_5XX, List.of()),
        series.getOrDefault(ID_4XX, List.of()),
        series.getOrDefault(ID_REQUESTS, List.of()),
        messages);
  }

  private static MetricDataQuery metric(String id, String name, String stat, String distributionId) {
    return MetricDataQuery.builder()
        .id(id)
        .metricStat(s -> s
            .metric(m -> m
                .namespace(NAMESPACE)
                .metricName(name)
                .dimensions(
                    Dimension.builder().name("DistributionId").value(distributionId).build(),
                    Dimension.builder().name("Region").value("Global").build()))
            .period(PERIOD_SECONDS)
            .stat(stat))
        .returnData(true)
        .build();
  }

  private static void check(MetricDataResult result, MetricsQuery query) {
    if (result.statusCode() == StatusCode.INTERNAL_ERROR) {
      throw new TransientException(
          "CloudWatch GetMetricData answered InternalError for " + result.id() + " of distribution " + query.distributionId()
              + "; retries may pass." + detail(result));
    }
    if (result.statusCode() == StatusCode.FORBIDDEN) {
      throw new PreconditionFailedException(
          "CloudWatch GetMetricData answered Forbidden for " + result.id() + " of distribution " + query.distributionId()
              + ": role " + query.roleArn() + " may not read the metrics of the account that owns the distribution." + detail(result));
    }
  }

  private static String detail(MetricDataResult result) {
    return result.messages().isEmpty() ? "" : " " + String.join("; ", result.messages().stream().map(CloudWatchMetrics::text).toList());
  }

  private static String text(MessageData m) {
    return m.code() == null ? String.valueOf(m.value()) : m.code() + ": " + m.value();
  }
}
