package dev.cutover.local.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.asl.engine.TaskResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/** An endpoint on an ephemeral loopback port, the SDK client pointed at it, and the task resources it resolves. */
final class Fixture implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String ROLE = "arn:aws:iam::123456789012:role/local";

  final Map<String, TaskResource> resources = new ConcurrentHashMap<>();
  final StepFunctionsEndpoint endpoint;
  final SfnClient sfn;

  Fixture(Clock clock) {
    endpoint = new StepFunctionsEndpoint(clock, r -> Optional.ofNullable(resources.get(r))).start();
    sfn = SfnClient.builder()
        .endpointOverride(endpoint.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** Creates a state machine from a definition written with single quotes; returns its ARN. */
  String machine(String name, String definition) {
    return sfn.createStateMachine(b -> b.name(name).definition(quotes(definition)).roleArn(ROLE)).stateMachineArn();
  }

  static String quotes(String text) {
    return text.replace('\'', '"');
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    sfn.close();
    endpoint.close();
  }
}
