package dev.cutover.watch.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.cutover.watch.support.CloudWatchStub.getMetricDataResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import dev.cutover.watch.port.Datapoint;
import dev.cutover.watch.port.DistributionMetrics;
import dev.cutover.watch.port.MetricsQuery;
import dev.cutover.watch.support.CloudWatchStub;
import dev.cutover.watch.support.CloudWatchStub.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;

/**
 * The CloudWatch adapter against a WireMock answering as the API reference documents: the request
 * it sends (Query protocol, namespace, dimensions, period, statistics, window, region) and how it
 * reads pages, partial data, messages and failures.
 */
class CloudWatchMetricsTest {

  @RegisterExtension
  static final WireMockExtension CLOUDWATCH = CloudWatchStub.extension();

  private static final String ROLE = "arn:aws:iam::444455556666:role/cutover-target";
  private static final String SESSION = "assets-to-platform-account";
  private static final String DISTRIBUTION = "E3ABCDEF123456";
  private static final Instant FROM = Instant.parse("2026-11-24T10:12:00Z");
  private static final Instant TO = Instant.parse("2026-11-24T10:16:30Z");
  private static final MetricsQuery QUERY = new MetricsQuery(ROLE, SESSION, DISTRIBUTION, FROM, TO);

  private final List<String> clientsBuilt = new ArrayList<>();

  /** The adapter as the handler builds it, with clients pointed at the stub in the region the adapter asks for. */
  private CloudWatchMetrics adapter(boolean retries) {
    return new CloudWatchMetrics((role, session, region) -> {
      clientsBuilt.add(role + " " + session + " " + region.id());
      return CloudWatchStub.client(CLOUDWATCH, region, retries);
    });
  }

  private static void answer(String body) {
    CLOUDWATCH.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body)));
  }

  private static Map<String, String> points(String... timestampsAndValues) {
    Map<String, String> points = new LinkedHashMap<>();
    for (int i = 0; i < timestampsAndValues.length; i += 2) {
      points.put(timestampsAndValues[i], timestampsAndValues[i + 1]);
    }
    return points;
  }

  @Test
  void asks_for_green_distributions_three_series_in_us_east_1_as_greens_role() {
    answer(getMetricDataResponse(List.of(
        new Result("errorRate5xx", "5xxErrorRate", "Complete", points()),
        new Result("errorRate4xx", "4xxErrorRate", "Complete", points()),
        new Result("requests", "Requests", "Complete", points())), null, List.of()));

    adapter(true).read(QUERY);

    assertThat(clientsBuilt).containsExactly(ROLE + " " + SESSION + " us-east-1");
    List<LoggedRequest> requests = CLOUDWATCH.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    assertThat(requests).hasSize(1);
    LoggedRequest request = requests.getFirst();
    // SDK 2.40.2 speaks the AWS Query protocol to CloudWatch: a form-encoded POST, signed for monitoring in us-east-1.
    assertThat(request.getMethod().value()).isEqualTo("POST");
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(request.getHeader("Authorization")).contains("/us-east-1/monitoring/aws4_request");
    Map<String, String> form = CloudWatchStub.form(request);
    assertThat(form).containsEntry("Action", "GetMetricData").containsEntry("Version", "2010-08-01")
        .containsEntry("StartTime", "2026-11-24T10:12:00Z")
        .containsEntry("EndTime", "2026-11-24T10:16:30Z")
        .containsEntry("ScanBy", "TimestampAscending")
        .doesNotContainKey("NextToken");
    String[][] expected = {{"errorRate5xx", "5xxErrorRate", "Average"}, {"errorRate4xx", "4xxErrorRate", "Average"}, {"requests", "Requests", "Sum"}};
    for (int i = 0; i < expected.length; i++) {
      String q = "MetricDataQueries.member." + (i + 1) + ".";
      assertThat(form).as("query %s", expected[i][0])
          .containsEntry(q + "Id", expected[i][0])
          .containsEntry(q + "MetricStat.Metric.Namespace", "AWS/CloudFront")
          .containsEntry(q + "MetricStat.Metric.MetricName", expected[i][1])
          .containsEntry(q + "MetricStat.Metric.Dimensions.member.1.Name", "DistributionId")
          .containsEntry(q + "MetricStat.Metric.Dimensions.member.1.Value", DISTRIBUTION)
          .containsEntry(q + "MetricStat.Metric.Dimensions.member.2.Name", "Region")
          .containsEntry(q + "MetricStat.Metric.Dimensions.member.2.Value", "Global")
          .containsEntry(q + "MetricStat.Period", "60")
          .containsEntry(q + "MetricStat.Stat", expected[i][2])
          .containsEntry(q + "ReturnData", "true")
          .doesNotContainKey(q + "MetricStat.Metric.Dimensions.member.3.Name");
    }
    assertThat(form).doesNotContainKey("MetricDataQueries.member.4.Id");
  }

  @Test
  void one_client_per_role_is_kept_across_samples() {
    answer(getMetricDataResponse(List.of(), null, List.of()));
    CloudWatchMetrics metrics = adapter(true);

    metrics.read(QUERY);
    metrics.read(QUERY);

    assertThat(clientsBuilt).hasSize(1);
  }

  @Test
  void pages_are_followed_with_next_token_and_partial_series_joined_in_order() {
    // Page 1: the 5xx series is cut short (PartialData); page 2 carries the rest, and the other
    // series complete; CloudWatch repeats every query's entry on each page.
    CLOUDWATCH.stubFor(post(urlEqualTo("/")).withRequestBody(notContaining("NextToken")).willReturn(aResponse().withStatus(200).withBody(
        getMetricDataResponse(List.of(
            new Result("errorRate5xx", "5xxErrorRate", "PartialData", points("2026-11-24T10:12:00Z", "0.0", "2026-11-24T10:13:00Z", "0.25")),
            new Result("errorRate4xx", "4xxErrorRate", "Complete", points("2026-11-24T10:12:00Z", "2.5", "2026-11-24T10:13:00Z", "3.0", "2026-11-24T10:14:00Z", "1.75")),
            new Result("requests", "Requests", "PartialData", points("2026-11-24T10:12:00Z", "1200.0"))),
            "eyJwYWdlIjoyfQ==", List.of()))));
    CLOUDWATCH.stubFor(post(urlEqualTo("/")).withRequestBody(containing("NextToken=eyJwYWdlIjoyfQ%3D%3D")).willReturn(aResponse().withStatus(200).withBody(
        getMetricDataResponse(List.of(
            new Result("errorRate5xx", "5xxErrorRate", "Complete", points("2026-11-24T10:14:00Z", "1.5")),
            new Result("errorRate4xx", "4xxErrorRate", "Complete", points()),
            new Result("requests", "Requests", "Complete", points("2026-11-24T10:13:00Z", "1100.0", "2026-11-24T10:14:00Z", "980.0"))),
            null, List.of()))));

    DistributionMetrics read = adapter(true).read(QUERY);

    assertThat(read.errorRate5xx()).containsExactly(
        point("2026-11-24T10:12:00Z", 0.0), point("2026-11-24T10:13:00Z", 0.25), point("2026-11-24T10:14:00Z", 1.5));
    assertThat(read.errorRate4xx()).containsExactly(
        point("2026-11-24T10:12:00Z", 2.5), point("2026-11-24T10:13:00Z", 3.0), point("2026-11-24T10:14:00Z", 1.75));
    assertThat(read.requests()).containsExactly(
        point("2026-11-24T10:12:00Z", 1200), point("2026-11-24T10:13:00Z", 1100), point("2026-11-24T10:14:00Z", 980));
    assertThat(read.messages()).isEmpty();
    List<LoggedRequest> sent = CLOUDWATCH.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/")));
    assertThat(sent).hasSize(2);
    Map<String, String> second = CloudWatchStub.form(sent.get(1));
    assertThat(second).containsEntry("NextToken", "eyJwYWdlIjoyfQ==")
        .containsEntry("StartTime", "2026-11-24T10:12:00Z")
        .containsEntry("MetricDataQueries.member.1.Id", "errorRate5xx");
  }

  @Test
  void empty_series_are_no_data_not_an_error() {
    answer(getMetricDataResponse(List.of(
        new Result("errorRate5xx", "5xxErrorRate", "Complete", points()),
        new Result("errorRate4xx", "4xxErrorRate", "Complete", points()),
        new Result("requests", "Requests", "Complete", points())), null, List.of()));

    DistributionMetrics read = adapter(true).read(QUERY);

    assertThat(read.errorRate5xx()).isEmpty();
    assertThat(read.errorRate4xx()).isEmpty();
    assertThat(read.requests()).isEmpty();
  }

  @Test
  void messages_and_data_left_partial_are_passed_on() {
    answer(getMetricDataResponse(List.of(
        new Result("errorRate5xx", "5xxErrorRate", "PartialData", points("2026-11-24T10:12:00Z", "0.1"), List.of("MaxDatapointsExceeded: too many datapoints")),
        new Result("errorRate4xx", "4xxErrorRate", "Complete", points()),
        new Result("requests", "Requests", "Complete", points())), null, List.of("MaxMetricsExceeded: Maximum number of allowed metrics exceeded")));

    DistributionMetrics read = adapter(true).read(QUERY);

    assertThat(read.errorRate5xx()).containsExactly(point("2026-11-24T10:12:00Z", 0.1));
    assertThat(read.messages()).containsExactlyInAnyOrder(
        "errorRate5xx: MaxDatapointsExceeded: too many datapoints",
        "MaxMetricsExceeded: Maximum number of allowed metrics exceeded",
        "errorRate5xx: CloudWatch returned only part of the datapoints (PartialData) and no NextToken.");
  }

  @Test
  void an_internal_error_result_is_transient() {
    answer(getMetricDataResponse(List.of(
        new Result("errorRate5xx", "5xxErrorRate", "InternalError", points()),
        new Result("errorRate4xx", "4xxErrorRate", "Complete", points()),
        new Result("requests", "Requests", "Complete", points())), null, List.of()));

    Throwable e = catchThrowable(() -> adapter(true).read(QUERY));

    assertThat(e).isInstanceOf(TransientException.class).hasMessageContaining("InternalError").hasMessageContaining("errorRate5xx");
  }

  @Test
  void a_forbidden_result_names_the_role() {
    answer(getMetricDataResponse(List.of(
        new Result("errorRate5xx", "5xxErrorRate", "Forbidden", points()),
        new Result("errorRate4xx", "4xxErrorRate", "Forbidden", points()),
        new Result("requests", "Requests", "Forbidden", points())), null, List.of()));

    Throwable e = catchThrowable(() -> adapter(true).read(QUERY));

    assertThat(e).isInstanceOf(PreconditionFailedException.class).hasMessageContaining("Forbidden").hasMessageContaining(ROLE);
  }

  @Test
  void access_denied_is_a_precondition_naming_the_call() {
    CLOUDWATCH.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "text/xml").withBody(
        CloudWatchStub.errorResponse("Sender", "AccessDenied", "User: arn:aws:sts::444455556666:assumed-role/cutover-target/cutover-assets is not authorized to perform: cloudwatch:GetMetricData"))));

    Throwable e = catchThrowable(() -> adapter(false).read(QUERY));

    assertThat(e).isInstanceOf(PreconditionFailedException.class).hasMessageContaining("GetMetricData").hasMessageContaining("AccessDenied");
  }

  @Test
  void throttling_is_transient() {
    CLOUDWATCH.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml").withBody(
        CloudWatchStub.errorResponse("Sender", "Throttling", "Rate exceeded"))));

    Throwable e = catchThrowable(() -> adapter(false).read(QUERY));

    assertThat(e).isInstanceOf(TransientException.class).hasMessageContaining("Throttling");
  }

  private static Datapoint point(String timestamp, double value) {
    return new Datapoint(Instant.parse(timestamp), value);
  }
}
