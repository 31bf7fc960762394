package dev.cutover.approval.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * A WireMock server on loopback standing in for an AWS JSON-protocol service (DynamoDB, KMS, Step
 * Functions, CloudTrail: one POST to {@code /}, the operation in {@code X-Amz-Target}), and
 * clients configured as AwsClients configures them.
 */
public final class AwsStub {

  private static final ObjectMapper JSON = new ObjectMapper();

  private AwsStub() {}

  public static WireMockExtension extension() {
    return WireMockExtension.newInstance()
        .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
        .build();
  }

  /** A client of any service pointed at {@code stub}, with few retries and short timeouts. */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, WireMockExtension stub) {
    return configure(builder, stub).build();
  }

  /** The builder of {@link #client}, for adapters that finish building it themselves. */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder, WireMockExtension stub) {
    return builder
        .httpClient(UrlConnectionHttpClient.builder().build())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAAPPROVAL00000000", "secret")))
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(20))
            .apiCallAttemptTimeout(Duration.ofSeconds(5))
            .retryStrategy(RetryMode.STANDARD)
            .build())
        .endpointOverride(URI.create("http://127.0.0.1:" + stub.getPort()));
  }

  /** A POST for {@code target} ({@code X-Amz-Target}, e.g. {@code DynamoDB_20120810.GetItem}). */
  public static MappingBuilder call(String target) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
  }

  /** A 200 with a JSON body in the protocol's content type. */
  public static ResponseDefinitionBuilder ok(String contentType, String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(body);
  }

  /** An error as the JSON protocols send it: {@code {"__type": ..., "message": ...}}. */
  public static ResponseDefinitionBuilder error(int status, String contentType, String type, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", contentType)
        .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
  }

  /** The bodies of every request sent with {@code target}, oldest first. */
  public static List<JsonNode> bodies(WireMockExtension stub, String target) {
    return requests(stub, target).stream().map(AwsStub::json).toList();
  }

  public static List<LoggedRequest> requests(WireMockExtension stub, String target) {
    return stub.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)));
  }

  public static JsonNode json(LoggedRequest request) {
    try {
      return JSON.readTree(request.getBodyAsString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
