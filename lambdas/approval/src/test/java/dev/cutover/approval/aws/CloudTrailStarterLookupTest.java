package dev.cutover.approval.aws;

import static dev.cutover.approval.aws.AwsStub.bodies;
import static dev.cutover.approval.aws.AwsStub.call;
import static dev.cutover.approval.aws.AwsStub.error;
import static dev.cutover.approval.aws.AwsStub.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.approval.port.StarterLookup.Known;
import dev.cutover.approval.port.StarterLookup.Starter;
import dev.cutover.approval.port.StarterLookup.Unknown;
import dev.cutover.approval.support.Records;
import dev.cutover.errors.PreconditionFailedException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/**
 * The starter lookup against a WireMock CloudTrail speaking JSON 1.1 as the CloudTrail API
 * reference documents LookupEvents ({@code Events[]} with the record as a JSON string in {@code
 * CloudTrailEvent}, times as epoch seconds, {@code NextToken}), with records shaped as CloudTrail's
 * record contents reference and the Step Functions CloudTrail page describe them.
 */
class CloudTrailStarterLookupTest {

  static final String JSON_1_1 = "application/x-amz-json-1.1";
  static final String LOOKUP = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
  static final String STARTER = "arn:aws:sts::444455556666:assumed-role/AWSReservedSSO_PlatformAdmin_0123456789abcdef/bob@example.com";
  static final Instant STARTED = Instant.parse("2026-11-24T08:59:30Z");
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final WireMockExtension CLOUDTRAIL = AwsStub.extension();

  private final CloudTrailClient client = AwsStub.client(CloudTrailClient.builder(), CLOUDTRAIL);
  private final CloudTrailStarterLookup lookup =
      new CloudTrailStarterLookup(client, "us-east-1", Clock.fixed(NOW, ZoneOffset.UTC));

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void the_starter_is_the_identity_of_the_start_execution_event_for_this_execution() {
    CLOUDTRAIL.stubFor(call(LOOKUP).willReturn(ok(JSON_1_1, page(null,
        startExecution("arn:aws:states:us-east-1:444455556666:execution:cutover-migration:other-run",
            "arn:aws:iam::444455556666:user/carol"),
        startExecution(Records.EXECUTION_ARN, STARTER)))));

    Starter starter = lookup.find(Records.EXECUTION_ARN, STARTED);

    assertThat(starter).isEqualTo(new Known(STARTER));
    JsonNode request = bodies(CLOUDTRAIL, LOOKUP).getFirst();
    assertThat(request.path("LookupAttributes")).hasSize(1);
    assertThat(request.path("LookupAttributes").get(0).path("AttributeKey").asText()).isEqualTo("EventName");
    assertThat(request.path("LookupAttributes").get(0).path("AttributeValue").asText()).isEqualTo("StartExecution");
    assertThat(epoch(request.path("StartTime"))).isEqualTo(STARTED.minusSeconds(600));
    assertThat(epoch(request.path("EndTime"))).isEqualTo(STARTED.plusSeconds(600));
    assertThat(request.path("MaxResults").asInt()).isEqualTo(50);
    assertThat(request.has("NextToken")).isFalse();
  }

  @Test
  void pages_are_followed_with_next_token_until_the_execution_is_found() {
    CLOUDTRAIL.stubFor(call(LOOKUP)
        .withRequestBody(WireMock.notContaining("NextToken"))
        .willReturn(ok(JSON_1_1, page("kbOt5LlZe++mErCebpy2TgaMgmDvF1kYGFcH64JSjIbZFjsuvrSqg66b5YGssKutDYIyII4lrP4IDbeQdiObkp9YAlju3oXd12juy3CIZW8=",
            startExecution("arn:aws:states:us-east-1:444455556666:execution:cutover-migration:other-run",
                "arn:aws:iam::444455556666:user/carol")))));
    CLOUDTRAIL.stubFor(call(LOOKUP)
        .withRequestBody(WireMock.containing("NextToken"))
        .willReturn(ok(JSON_1_1, page(null, startExecution(Records.EXECUTION_ARN, STARTER)))));

    assertThat(lookup.find(Records.EXECUTION_ARN, STARTED)).isEqualTo(new Known(STARTER));

    assertThat(bodies(CLOUDTRAIL, LOOKUP)).hasSize(2);
    JsonNode second = bodies(CLOUDTRAIL, LOOKUP).get(1);
    assertThat(second.path("NextToken").asText()).startsWith("kbOt5LlZe");
    assertThat(second.path("LookupAttributes").get(0).path("AttributeValue").asText())
        .as("the same parameters as the first call").isEqualTo("StartExecution");
  }

  @Test
  void no_event_yet_is_unknown_with_the_window_and_what_to_do() {
    CLOUDTRAIL.stubFor(call(LOOKUP).willReturn(ok(JSON_1_1, "{\"Events\": []}")));

    Starter starter = lookup.find(Records.EXECUTION_ARN, STARTED);

    assertThat(starter).isInstanceOfSatisfying(Unknown.class, u -> assertThat(u.why())
        .contains("no StartExecution event for this execution")
        .contains("us-east-1")
        .contains(STARTED.minusSeconds(600).toString())
        .contains("try again in a few minutes"));
  }

  @Test
  void without_the_start_time_the_last_eight_days_are_searched() {
    CLOUDTRAIL.stubFor(call(LOOKUP).willReturn(ok(JSON_1_1, page(null, startExecution(Records.EXECUTION_ARN, STARTER)))));

    lookup.find(Records.EXECUTION_ARN, null);

    JsonNode request = bodies(CLOUDTRAIL, LOOKUP).getFirst();
    assertThat(epoch(request.path("StartTime"))).isEqualTo(NOW.minusSeconds(8 * 86_400));
    assertThat(epoch(request.path("EndTime"))).isEqualTo(NOW);
  }

  @Test
  void an_event_without_a_principal_arn_cannot_be_compared_and_says_why() {
    ObjectNode event = startExecution(Records.EXECUTION_ARN, null);
    ObjectNode record = (ObjectNode) AwsStub.json(event.path("CloudTrailEvent").asText());
    record.set("userIdentity", JSON.createObjectNode().put("type", "AWSService").put("invokedBy", "scheduler.amazonaws.com"));
    event.put("CloudTrailEvent", record.toString());
    CLOUDTRAIL.stubFor(call(LOOKUP).willReturn(ok(JSON_1_1, page(null, event))));

    assertThat(lookup.find(Records.EXECUTION_ARN, STARTED)).isInstanceOfSatisfying(Unknown.class,
        u -> assertThat(u.why()).contains("AWSService").contains("scheduler.amazonaws.com").contains("without a principal ARN"));
  }

  @Test
  void a_role_without_lookup_events_is_a_precondition_failure_naming_the_call() {
    CLOUDTRAIL.stubFor(call(LOOKUP).willReturn(error(400, JSON_1_1, "AccessDeniedException",
        "User: arn:aws:sts::444455556666:assumed-role/cutover-approval-decide/fn is not authorized to perform: cloudtrail:LookupEvents")));

    assertThatThrownBy(() -> lookup.find(Records.EXECUTION_ARN, STARTED))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("LookupEvents");
  }

  /** A LookupEvents answer. */
  private static String page(String nextToken, ObjectNode... events) {
    ObjectNode page = JSON.createObjectNode();
    ArrayNode list = page.putArray("Events");
    for (ObjectNode event : events) {
      list.add(event);
    }
    if (nextToken != null) {
      page.put("NextToken", nextToken);
    }
    return page.toString();
  }

  /** One entry of Events: a StartExecution management event by {@code principalArn}. */
  private static ObjectNode startExecution(String executionArn, String principalArn) {
    String[] arn = executionArn.split(":");
    String stateMachine = String.join(":", arn[0], arn[1], arn[2], arn[3], arn[4], "stateMachine", arn[6]);
    ObjectNode record = JSON.createObjectNode();
    record.put("eventVersion", "1.09");
    ObjectNode identity = record.putObject("userIdentity");
    identity.put("type", "AssumedRole");
    identity.put("principalId", "AROAEXAMPLEID0123456:bob@example.com");
    if (principalArn != null) {
      identity.put("arn", principalArn);
    }
    identity.put("accountId", "444455556666");
    identity.put("accessKeyId", "ASIAEXAMPLEKEY012345");
    record.put("eventTime", "2026-11-24T08:59:30Z");
    record.put("eventSource", "states.amazonaws.com");
    record.put("eventName", "StartExecution");
    record.put("awsRegion", "us-east-1");
    record.put("sourceIPAddress", "203.0.113.17");
    record.put("userAgent", "aws-cli/2.9.19");
    record.putObject("requestParameters").put("stateMachineArn", stateMachine).put("name", arn[7])
        .put("input", "HIDDEN_DUE_TO_SECURITY_REASONS");
    record.putObject("responseElements").put("executionArn", executionArn).put("startDate", "Nov 24, 2026, 8:59:30 AM");
    record.put("requestID", "d1b4a5e6-7f80-4c2b-9a1d-0e3f5a7b9c1d");
    record.put("eventID", "3e5f7a9b-1c2d-4e6f-8a0b-2c4d6e8f0a1b");
    record.put("readOnly", false);
    record.put("eventType", "AwsApiCall");
    record.put("managementEvent", true);
    record.put("recipientAccountId", "444455556666");
    record.put("eventCategory", "Management");

    ObjectNode event = JSON.createObjectNode();
    event.put("AccessKeyId", "ASIAEXAMPLEKEY012345");
    event.put("CloudTrailEvent", record.toString());
    event.put("EventId", "3e5f7a9b-1c2d-4e6f-8a0b-2c4d6e8f0a1b");
    event.put("EventName", "StartExecution");
    event.put("EventSource", "states.amazonaws.com");
    event.put("EventTime", 1.79960637E9);
    event.put("ReadOnly", "false");
    event.putArray("Resources");
    event.put("Username", "bob@example.com");
    return event;
  }

  private static Instant epoch(JsonNode seconds) {
    BigDecimal value = seconds.decimalValue();
    return Instant.ofEpochSecond(value.longValue(), value.remainder(BigDecimal.ONE).movePointRight(9).longValue());
  }
}
