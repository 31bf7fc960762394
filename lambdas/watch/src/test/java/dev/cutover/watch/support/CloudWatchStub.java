package dev.cutover.watch.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * A WireMock CloudWatch on loopback answering in the shape of the Amazon CloudWatch API reference
 * for the AWS Query protocol the SDK speaks to it: XML in the {@value #NAMESPACE} namespace,
 * lists as {@code <member>} elements, GetMetricData's {@code GetMetricDataResult} with {@code
 * MetricDataResults} (Id, Label, StatusCode, Timestamps, Values, Messages), {@code NextToken} and
 * {@code Messages} (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html,
 * API_MetricDataResult.html, API_MessageData.html), errors as {@code ErrorResponse}
 * (CommonErrors.html).
 */
public final class CloudWatchStub {

  public static final String NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";

  private CloudWatchStub() {}

  /** A stub on 127.0.0.1 and a port of the system's choosing. */
  public static WireMockExtension extension() {
    return WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();
  }

  /**
   * A client for the stub in {@code region}, configured as AwsClients configures one (UrlConnection,
   * timeouts, standard retries unless {@code retries} is false).
   */
  public static CloudWatchClient client(WireMockExtension stub, Region region, boolean retries) {
    return CloudWatchClient.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .region(region)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLE000000000", "secret")))
        .endpointOverride(URI.create("http://127.0.0.1:" + stub.getPort()))
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(20))
                .apiCallAttemptTimeout(Duration.ofSeconds(5))
                .retryStrategy(retries ? AwsRetryStrategy.forRetryMode(RetryMode.STANDARD) : AwsRetryStrategy.doNotRetry())
                .build())
        .build();
  }

  /** A request's form-encoded body as a map, in the order sent. */
  public static Map<String, String> form(LoggedRequest request) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.put(name, value);
    }
    return form;
  }

  /** One {@code MetricDataResult}: its datapoints as timestamp → value, in the order given. */
  public record Result(String id, String label, String statusCode, Map<String, String> points, List<String> messages) {

    public Result(String id, String label, String statusCode, Map<String, String> points) {
      this(id, label, statusCode, points, List.of());
    }

    String xml() {
      String timestamps = points.keySet().stream().map(t -> "<member>" + t + "</member>").collect(Collectors.joining());
      String values = points.values().stream().map(v -> "<member>" + v + "</member>").collect(Collectors.joining());
      return """
                <member>
                  <Id>%s</Id>
                  <Label>%s</Label>
                  <StatusCode>%s</StatusCode>
                  <Timestamps>%s</Timestamps>
                  <Values>%s</Values>
                  <Messages>%s</Messages>
                </member>
          """.formatted(id, label, statusCode, timestamps, values, messageData(messages));
    }
  }

  /** A GetMetricData response: results, then a NextToken when {@code nextToken} is not null. */
  public static String getMetricDataResponse(List<Result> results, String nextToken, List<String> messages) {
    return """
        <GetMetricDataResponse xmlns="%s">
          <GetMetricDataResult>
            <MetricDataResults>
        %s    </MetricDataResults>
        %s    <Messages>%s</Messages>
          </GetMetricDataResult>
          <ResponseMetadata>
            <RequestId>6f0ed5b8-1c5b-4a2e-9e3e-4d1d6c9f2b10</RequestId>
          </ResponseMetadata>
        </GetMetricDataResponse>
        """.formatted(
            NAMESPACE,
            results.stream().map(Result::xml).collect(Collectors.joining()),
            nextToken == null ? "" : "    <NextToken>" + nextToken + "</NextToken>\n",
            messageData(messages));
  }

  /** {@code MessageData} members, each {@code "Code: Value"}. */
  private static String messageData(List<String> messages) {
    return messages.stream()
        .map(m -> {
          int colon = m.indexOf(": ");
          return "<member><Code>" + m.substring(0, colon) + "</Code><Value>" + m.substring(colon + 2) + "</Value></member>";
        })
        .collect(Collectors.joining());
  }

  /** A Query-protocol error body. */
  public static String errorResponse(String type, String code, String message) {
    return """
        <ErrorResponse xmlns="%s">
          <Error>
            <Type>%s</Type>
            <Code>%s</Code>
            <Message>%s</Message>
          </Error>
          <RequestId>0c1f6d2e-7a3b-4c8d-9e0f-1a2b3c4d5e6f</RequestId>
        </ErrorResponse>
        """.formatted(NAMESPACE, type, code, message);
  }
}
