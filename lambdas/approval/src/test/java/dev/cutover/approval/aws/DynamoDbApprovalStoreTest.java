package dev.cutover.approval.aws;

import static dev.cutover.approval.aws.AwsStub.bodies;
import static dev.cutover.approval.aws.AwsStub.call;
import static dev.cutover.approval.aws.AwsStub.error;
import static dev.cutover.approval.aws.AwsStub.ok;
import static dev.cutover.approval.aws.AwsStub.requests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.approval.port.ApprovalRecord;
import dev.cutover.approval.port.ApprovalRecord.Decision;
import dev.cutover.approval.port.ApprovalRecord.Delivery;
import dev.cutover.approval.port.ApprovalRecord.Verdict;
import dev.cutover.approval.support.Records;
import dev.cutover.errors.InternalErrorException;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The store against a WireMock DynamoDB speaking the JSON 1.0 protocol as the DynamoDB API
 * reference documents it (X-Amz-Target {@code DynamoDB_20120810.<Operation>}, typed attribute
 * values, {@code ConditionalCheckFailedException} on a failed condition).
 */
class DynamoDbApprovalStoreTest {

  static final String JSON_1_0 = "application/x-amz-json-1.0";
  static final String TABLE = "cutover-approvals";
  static final String PUT = "DynamoDB_20120810.PutItem";
  static final String GET = "DynamoDB_20120810.GetItem";
  static final String UPDATE = "DynamoDB_20120810.UpdateItem";
  static final String CONDITION_FAILED =
      "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException";

  @RegisterExtension static final WireMockExtension DYNAMO = AwsStub.extension();

  private final DynamoDbClient client = AwsStub.client(DynamoDbClient.builder(), DYNAMO);
  private final DynamoDbApprovalStore store = new DynamoDbApprovalStore(client, TABLE);
  private final ApprovalRecord record = Records.waiting(Records.ciphertext("run-2026-11-24"));

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void create_puts_the_whole_record_only_if_the_execution_has_none() {
    DYNAMO.stubFor(call(PUT).willReturn(ok(JSON_1_0, "{}")));

    assertThat(store.create(record)).isTrue();

    var request = requests(DYNAMO, PUT).getFirst();
    assertThat(request.getHeader("Content-Type")).startsWith(JSON_1_0);
    JsonNode body = bodies(DYNAMO, PUT).getFirst();
    assertThat(body.path("TableName").asText()).isEqualTo(TABLE);
    assertThat(body.path("ConditionExpression").asText()).isEqualTo("attribute_not_exists(#arn)");
    assertThat(body.path("ExpressionAttributeNames").path("#arn").asText()).isEqualTo("executionArn");
    JsonNode item = body.path("Item");
    assertThat(item.path("executionArn").path("S").asText()).isEqualTo(Records.EXECUTION_ARN);
    assertThat(item.path("approvalId").path("S").asText()).isEqualTo(Records.APPROVAL_ID);
    assertThat(Base64.getDecoder().decode(item.path("tokenCiphertext").path("B").asText()))
        .isEqualTo(Records.ciphertext("run-2026-11-24"));
    assertThat(item.path("approvers").path("L").findValuesAsText("S"))
        .containsExactly(Records.RELEASE_MANAGER, Records.ALICE_SSO);
    assertThat(item.path("approverMustDifferFromStarter").path("BOOL").asBoolean()).isTrue();
    assertThat(item.path("deadline").path("S").asText()).isEqualTo("2026-11-25T10:00:00Z");
    assertThat(item.path("expiresAt").path("N").asText())
        .as("the TTL attribute is a number of epoch seconds")
        .isEqualTo(Long.toString(Records.DEADLINE.plusSeconds(14 * 86_400).getEpochSecond()));
    assertThat(item.path("stateEnteredTime").path("S").asText()).isEqualTo("2026-11-24T09:59:58.456Z");
    assertThat(item.path("retryCount").path("N").asText()).isEqualTo("0");
    assertThat(item.has("decision")).as("a new approval is undecided").isFalse();
    assertThat(item.has("notifiedAt")).isFalse();
  }

  @Test
  void create_answers_false_when_the_execution_already_has_a_record() {
    DYNAMO.stubFor(call(PUT).willReturn(error(400, JSON_1_0, CONDITION_FAILED, "The conditional request failed")));

    assertThat(store.create(record)).isFalse();
  }

  @Test
  void find_reads_consistently_by_execution_arn_and_gives_back_what_was_put() {
    DYNAMO.stubFor(call(PUT).willReturn(ok(JSON_1_0, "{}")));
    ApprovalRecord decided = record
        .withNotice(Instant.parse("2026-11-24T10:00:01Z"), "9f3c1b2a-5d7e-5f60-8a9b-0c1d2e3f4a5b")
        .withDecision(new Decision(Verdict.REJECT, Records.ALICE_SSO, Instant.parse("2026-11-24T12:00:00Z"),
            "the 404s on /fonts need a look", "arn:aws:sts::444455556666:assumed-role/deployer/ci"))
        .withDelivery(new Delivery(Delivery.SENT, Instant.parse("2026-11-24T12:00:01Z")));
    store.create(decided);
    JsonNode item = bodies(DYNAMO, PUT).getFirst().path("Item");
    DYNAMO.stubFor(call(GET).willReturn(ok(JSON_1_0, "{\"Item\":" + item + "}")));

    assertThat(store.find(Records.EXECUTION_ARN)).contains(decided);

    JsonNode get = bodies(DYNAMO, GET).getFirst();
    assertThat(get.path("TableName").asText()).isEqualTo(TABLE);
    assertThat(get.path("Key").path("executionArn").path("S").asText()).isEqualTo(Records.EXECUTION_ARN);
    assertThat(get.path("ConsistentRead").asBoolean()).isTrue();
  }

  @Test
  void find_answers_empty_when_dynamodb_returns_no_item() {
    DYNAMO.stubFor(call(GET).willReturn(ok(JSON_1_0, "{}")));

    assertThat(store.find(Records.EXECUTION_ARN)).isEmpty();
  }

  @Test
  void a_malformed_item_is_an_internal_error_that_never_quotes_the_ciphertext() {
    String ciphertext = Base64.getEncoder().encodeToString(Records.ciphertext("x"));
    DYNAMO.stubFor(call(GET).willReturn(ok(JSON_1_0,
        "{\"Item\":{\"executionArn\":{\"S\":\"" + Records.EXECUTION_ARN + "\"},\"tokenCiphertext\":{\"B\":\"" + ciphertext + "\"}}}")));

    assertThatThrownBy(() -> store.find(Records.EXECUTION_ARN))
        .isInstanceOf(InternalErrorException.class)
        .hasMessageContaining("malformed")
        .hasMessageNotContaining(ciphertext);
  }

  @Test
  void replace_puts_only_over_the_record_of_the_expected_request() {
    DYNAMO.stubFor(call(PUT).willReturn(ok(JSON_1_0, "{}")));

    assertThat(store.replace(record, "previous-request-key")).isTrue();

    JsonNode body = bodies(DYNAMO, PUT).getFirst();
    assertThat(body.path("ConditionExpression").asText()).isEqualTo("#requestKey = :expected");
    assertThat(body.path("ExpressionAttributeNames").path("#requestKey").asText()).isEqualTo("requestKey");
    assertThat(body.path("ExpressionAttributeValues").path(":expected").path("S").asText()).isEqualTo("previous-request-key");
  }

  @Test
  void claim_records_the_decision_only_on_this_approval_and_only_once() {
    DYNAMO.stubFor(call(UPDATE).willReturn(ok(JSON_1_0, "{}")));
    Decision decision = new Decision(Verdict.APPROVE, Records.ALICE_SSO, Instant.parse("2026-11-24T12:00:00Z"), null, null);

    assertThat(store.claim(Records.EXECUTION_ARN, Records.APPROVAL_ID, decision)).isTrue();

    JsonNode body = bodies(DYNAMO, UPDATE).getFirst();
    assertThat(body.path("Key").path("executionArn").path("S").asText()).isEqualTo(Records.EXECUTION_ARN);
    assertThat(body.path("ConditionExpression").asText())
        .isEqualTo("#approvalId = :approvalId AND attribute_not_exists(#decision)");
    assertThat(body.path("UpdateExpression").asText())
        .isEqualTo("SET #decision = :decision, #decidedBy = :decidedBy, #decidedAt = :decidedAt");
    assertThat(body.path("ExpressionAttributeNames").path("#decision").asText()).isEqualTo("decision");
    JsonNode values = body.path("ExpressionAttributeValues");
    assertThat(values.path(":approvalId").path("S").asText()).isEqualTo(Records.APPROVAL_ID);
    assertThat(values.path(":decision").path("S").asText()).isEqualTo("APPROVE");
    assertThat(values.path(":decidedBy").path("S").asText()).isEqualTo(Records.ALICE_SSO);
    assertThat(values.path(":decidedAt").path("S").asText()).isEqualTo("2026-11-24T12:00:00Z");
    assertThat(values.has(":reason")).as("no reason given, none written").isFalse();
  }

  @Test
  void claim_writes_the_reason_and_starter_when_there_are_some_and_answers_false_if_someone_was_first() {
    DYNAMO.stubFor(call(UPDATE).willReturn(error(400, JSON_1_0, CONDITION_FAILED, "The conditional request failed")));
    Decision decision = new Decision(Verdict.REJECT, Records.ALICE_SSO, Instant.parse("2026-11-24T12:00:00Z"),
        "not before the sale", "arn:aws:sts::444455556666:assumed-role/deployer/ci");

    assertThat(store.claim(Records.EXECUTION_ARN, Records.APPROVAL_ID, decision)).isFalse();

    JsonNode body = bodies(DYNAMO, UPDATE).getFirst();
    assertThat(body.path("UpdateExpression").asText()).endsWith(", #reason = :reason, #startedBy = :startedBy");
    assertThat(body.path("ExpressionAttributeNames").path("#reason").asText()).isEqualTo("reason");
    assertThat(body.path("ExpressionAttributeValues").path(":reason").path("S").asText()).isEqualTo("not before the sale");
    assertThat(body.path("ExpressionAttributeValues").path(":startedBy").path("S").asText())
        .isEqualTo("arn:aws:sts::444455556666:assumed-role/deployer/ci");
  }

  @Test
  void notice_and_delivery_are_recorded_only_on_the_same_approval() {
    DYNAMO.stubFor(call(UPDATE).willReturn(ok(JSON_1_0, "{}")));

    assertThat(store.markNotified(Records.EXECUTION_ARN, Records.APPROVAL_ID, Instant.parse("2026-11-24T10:00:01Z"), "msg-1")).isTrue();
    assertThat(store.markDelivered(Records.EXECUTION_ARN, Records.APPROVAL_ID, new Delivery("TaskTimedOut", Instant.parse("2026-11-25T11:00:00Z")))).isTrue();

    JsonNode notified = bodies(DYNAMO, UPDATE).get(0);
    assertThat(notified.path("UpdateExpression").asText()).isEqualTo("SET #notifiedAt = :at, #notificationId = :messageId");
    assertThat(notified.path("ConditionExpression").asText()).isEqualTo("#approvalId = :approvalId");
    assertThat(notified.path("ExpressionAttributeValues").path(":messageId").path("S").asText()).isEqualTo("msg-1");
    JsonNode delivered = bodies(DYNAMO, UPDATE).get(1);
    assertThat(delivered.path("UpdateExpression").asText()).isEqualTo("SET #delivery = :outcome, #deliveredAt = :at");
    assertThat(delivered.path("ConditionExpression").asText()).isEqualTo("#approvalId = :approvalId AND attribute_exists(#decision)");
    assertThat(delivered.path("ExpressionAttributeValues").path(":outcome").path("S").asText()).isEqualTo("TaskTimedOut");
  }

  @Test
  void throttling_that_outlasts_the_retries_is_transient() {
    DYNAMO.stubFor(call(GET).willReturn(error(400, JSON_1_0,
        "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
        "The level of configured provisioned throughput for the table was exceeded.")));

    assertThatThrownBy(() -> store.find(Records.EXECUTION_ARN))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("GetItem");
    assertThat(requests(DYNAMO, GET)).as("the SDK retried").hasSizeGreaterThan(1);
  }

  @Test
  void access_denied_names_the_call_the_role_must_be_allowed() {
    DYNAMO.stubFor(call(PUT).willReturn(error(400, JSON_1_0, "com.amazon.coral.service#AccessDeniedException",
        "User: arn:aws:sts::444455556666:assumed-role/cutover-approval/fn is not authorized to perform: dynamodb:PutItem")));

    assertThatThrownBy(() -> store.create(record))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("PutItem")
        .hasMessageContaining("dynamodb:PutItem");
  }
}
