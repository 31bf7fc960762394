package dev.cutover.approval.aws;

import dev.cutover.approval.port.ApprovalRecord;
import dev.cutover.approval.port.ApprovalRecord.Attempt;
import dev.cutover.approval.port.ApprovalRecord.Decision;
import dev.cutover.approval.port.ApprovalRecord.Delivery;
import dev.cutover.approval.port.ApprovalStore;
import dev.cutover.approval.port.SealedToken;
import dev.cutover.aws.AwsErrors;
import dev.cutover.errors.InternalErrorException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The waiting approvals in a DynamoDB table.
 *
 * <p>Table design: partition key {@code executionArn} (string), no sort key. The CLI decides by
 * execution ARN, the only handle it has, so the ARN is the key: the decision reads the record with
 * a strongly consistent GetItem (a global secondary index would only be eventually consistent) and
 * an execution has at most one approval waiting by construction. The approval id is an attribute
 * (it names the approval and binds the token's encryption context). TTL attribute {@code
 * expiresAt} (epoch seconds, the deadline plus a retention period). Times are ISO-8601 strings so
 * the record reads as an audit entry in the console.
 *
 * <p>Every write is conditional ({@code ConditionExpression}, names through {@code
 * ExpressionAttributeNames} so no attribute collides with a reserved word); a failed condition is
 * {@code false}, anything else goes through {@link AwsErrors#translate}.
 */
public final class DynamoDbApprovalStore implements ApprovalStore {

  static final String EXECUTION_ARN = "executionArn";
  static final String APPROVAL_ID = "approvalId";
  static final String REQUEST_KEY = "requestKey";
  static final String TOKEN_CIPHERTEXT = "tokenCiphertext";
  static final String MIGRATION_ID = "migrationId";
  static final String MODE = "mode";
  static final String APPROVERS = "approvers";
  static final String APPROVER_MUST_DIFFER = "approverMustDifferFromStarter";
  static final String CREATED_AT = "createdAt";
  static final String DEADLINE = "deadline";
  static final String EXPIRES_AT = "expiresAt";
  static final String EXECUTION_START_TIME = "executionStartTime";
  static final String STATE_ENTERED_TIME = "stateEnteredTime";
  static final String RETRY_COUNT = "retryCount";
  static final String REPORT_HTML = "reportHtml";
  static final String REPORT_JSON = "reportJson";
  static final String VERDICT = "verdict";
  static final String NOTIFIED_AT = "notifiedAt";
  static final String NOTIFICATION_ID = "notificationId";
  static final String DECISION = "decision";
  static final String DECIDED_BY = "decidedBy";
  static final String DECIDED_AT = "decidedAt";
  static final String REASON = "reason";
  static final String STARTED_BY = "startedBy";
  static final String DELIVERY = "delivery";
  static final String DELIVERED_AT = "deliveredAt";

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbApprovalStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public Optional<ApprovalRecord> find(String executionArn) {
    Map<String, AttributeValue> item = call("GetItem", () -> dynamo.getItem(b -> b
        .tableName(table)
        .key(key(executionArn))
        .consistentRead(true))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
  }

  @Override
  public boolean create(ApprovalRecord record) {
    return conditional("PutItem", () -> dynamo.putItem(b -> b
        .tableName(table)
        .item(toItem(record))
        .conditionExpression("attribute_not_exists(#arn)")
        .expressionAttributeNames(Map.of("#arn", EXECUTION_ARN))));
  }

  @Override
  public boolean replace(ApprovalRecord record, String expectedRequestKey) {
    return conditional("PutItem", () -> dynamo.putItem(b -> b
        .tableName(table)
        .item(toItem(record))
        .conditionExpression("#requestKey = :expected")
        .expressionAttributeNames(Map.of("#requestKey", REQUEST_KEY))
        .expressionAttributeValues(Map.of(":expected", s(expectedRequestKey)))));
  }

  @Override
  public boolean markNotified(String executionArn, String approvalId, Instant at, String messageId) {
    return conditional("UpdateItem", () -> dynamo.updateItem(b -> b
        .tableName(table)
        .key(key(executionArn))
        .updateExpression("SET #notifiedAt = :at, #notificationId = :messageId")
        .conditionExpression("#approvalId = :approvalId")
        .expressionAttributeNames(Map.of(
            "#notifiedAt", NOTIFIED_AT, "#notificationId", NOTIFICATION_ID, "#approvalId", APPROVAL_ID))
        .expressionAttributeValues(Map.of(
            ":at", s(at.toString()), ":messageId", s(messageId), ":approvalId", s(approvalId)))));
  }

  @Override
  public boolean claim(String executionArn, String approvalId, Decision decision) {
    Map<String, String> names = new HashMap<>(Map.of(
        "#approvalId", APPROVAL_ID, "#decision", DECISION, "#decidedBy", DECIDED_BY, "#decidedAt", DECIDED_AT));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":approvalId", s(approvalId),
        ":decision", s(decision.verdict().name()),
        ":decidedBy", s(decision.decidedBy()),
        ":decidedAt", s(decision.decidedAt().toString())));
    StringBuilder set = new StringBuilder("SET #decision = :decision, #decidedBy = :decidedBy, #decidedAt = :decidedAt");
    if (decision.reason() != null) {
      set.append(", #reason = :reason");
      names.put("#reason", REASON);
      values.put(":reason", s(decision.reason()));
    }
    if (decision.startedBy() != null) {
      set.append(", #startedBy = :startedBy");
      names.put("#startedBy", STARTED_BY);
      values.put(":startedBy", s(decision.startedBy()));
    }
    return conditional("UpdateItem", () -> dynamo.updateItem(b -> b
        .tableName(table)
        .key(key(executionArn))
        .updateExpression(set.toString())
        .conditionExpression("#approvalId = :approvalId AND attribute_not_exists(#decision)")
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)));
  }

  @Override
  public boolean markDelivered(String executionArn, String approvalId, Delivery delivery) {
    return conditional("UpdateItem", () -> dynamo.updateItem(b -> b
        .tableName(table)
        .key(key(executionArn))
        .updateExpression("SET #delivery = :outcome, #deliveredAt = :at")
        .conditionExpression("#approvalId = :approvalId AND attribute_exists(#decision)")
        .expressionAttributeNames(Map.of(
            "#delivery", DELIVERY, "#deliveredAt", DELIVERED_AT, "#approvalId", APPROVAL_ID, "#decision", DECISION))
        .expressionAttributeValues(Map.of(
            ":outcome", s(delivery.outcome()), ":at", s(delivery.at().toString()), ":approvalId", s(approvalId)))));
  }

  static Map<String, AttributeValue> toItem(ApprovalRecord r) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(EXECUTION_ARN, s(r.executionArn()));
    item.put(APPROVAL_ID, s(r.approvalId()));
    item.put(REQUEST_KEY, s(r.requestKey()));
    item.put(TOKEN_CIPHERTEXT, AttributeValue.fromB(SdkBytes.fromByteArray(r.sealedToken().ciphertext())));
    item.put(MIGRATION_ID, s(r.migrationId()));
    item.put(MODE, s(r.mode()));
    item.put(APPROVERS, AttributeValue.fromL(r.approvers().stream().map(DynamoDbApprovalStore::s).toList()));
    item.put(APPROVER_MUST_DIFFER, AttributeValue.fromBool(r.approverMustDifferFromStarter()));
    item.put(CREATED_AT, s(r.createdAt().toString()));
    item.put(DEADLINE, s(r.deadline().toString()));
    item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(r.expiresAt().getEpochSecond())));
    putIfPresent(item, EXECUTION_START_TIME, r.executionStartTime());
    if (r.attempt() != null) {
      item.put(STATE_ENTERED_TIME, s(r.attempt().stateEnteredTime().toString()));
      item.put(RETRY_COUNT, AttributeValue.fromN(Integer.toString(r.attempt().retryCount())));
    }
    putIfPresent(item, REPORT_HTML, r.reportHtml());
    putIfPresent(item, REPORT_JSON, r.reportJson());
    putIfPresent(item, VERDICT, r.verdict());
    putIfPresent(item, NOTIFIED_AT, r.notifiedAt());
    putIfPresent(item, NOTIFICATION_ID, r.notificationId());
    if (r.decision() != null) {
      Decision d = r.decision();
      item.put(DECISION, s(d.verdict().name()));
      item.put(DECIDED_BY, s(d.decidedBy()));
      item.put(DECIDED_AT, s(d.decidedAt().toString()));
      putIfPresent(item, REASON, d.reason());
      putIfPresent(item, STARTED_BY, d.startedBy());
    }
    if (r.delivery() != null) {
      item.put(DELIVERY, s(r.delivery().outcome()));
      item.put(DELIVERED_AT, s(r.delivery().at().toString()));
    }
    return item;
  }

  static ApprovalRecord fromItem(Map<String, AttributeValue> item) {
    try {
      Decision decision = null;
      if (item.containsKey(DECISION)) {
        decision = new Decision(
            ApprovalRecord.Verdict.valueOf(str(item, DECISION)),
            str(item, DECIDED_BY),
            Instant.parse(str(item, DECIDED_AT)),
            str(item, REASON),
            str(item, STARTED_BY));
      }
      Delivery delivery = item.containsKey(DELIVERY)
          ? new Delivery(str(item, DELIVERY), Instant.parse(str(item, DELIVERED_AT)))
          : null;
      Attempt attempt = item.containsKey(STATE_ENTERED_TIME) && item.containsKey(RETRY_COUNT)
          ? new Attempt(Instant.parse(str(item, STATE_ENTERED_TIME)), Integer.parseInt(item.get(RETRY_COUNT).n()))
          : null;
      AttributeValue ciphertext = item.get(TOKEN_CIPHERTEXT);
      List<AttributeValue> approvers = item.containsKey(APPROVERS) ? item.get(APPROVERS).l() : List.of();
      return new ApprovalRecord(
          str(item, EXECUTION_ARN),
          str(item, APPROVAL_ID),
          str(item, REQUEST_KEY),
          new SealedToken(ciphertext == null || ciphertext.b() == null ? new byte[0] : ciphertext.b().asByteArray()),
          str(item, MIGRATION_ID),
          str(item, MODE),
          approvers.stream().map(AttributeValue::s).toList(),
          item.containsKey(APPROVER_MUST_DIFFER) ? item.get(APPROVER_MUST_DIFFER).bool() : true,
          instant(item, CREATED_AT),
          instant(item, DEADLINE),
          Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT).n())),
          instant(item, EXECUTION_START_TIME),
          attempt,
          str(item, REPORT_HTML),
          str(item, REPORT_JSON),
          str(item, VERDICT),
          instant(item, NOTIFIED_AT),
          str(item, NOTIFICATION_ID),
          decision,
          delivery);
    } catch (RuntimeException e) {
      // Which attribute is wrong, never its value: the item holds the token's ciphertext.
      throw new InternalErrorException(
          "The approval record for " + str(item, EXECUTION_ARN) + " is malformed (" + e.getClass().getSimpleName()
              + "); it was written by something other than this step's store. Attributes present: " + item.keySet());
    }
  }

  private static Map<String, AttributeValue> key(String executionArn) {
    return Map.of(EXECUTION_ARN, s(executionArn));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static void putIfPresent(Map<String, AttributeValue> item, String name, Object value) {
    if (value != null) {
      item.put(name, s(value.toString()));
    }
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static Instant instant(Map<String, AttributeValue> item, String name) {
    String value = str(item, name);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " is not an ISO-8601 time");
    }
  }

  private boolean conditional(String operation, Runnable write) {
    try {
      write.run();
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    } catch (RuntimeException e) {
      throw AwsErrors.translate(e, operation);
    }
  }

  private <T> T call(String operation, Supplier<T> read) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      throw AwsErrors.translate(e, operation);
    }
  }
}
