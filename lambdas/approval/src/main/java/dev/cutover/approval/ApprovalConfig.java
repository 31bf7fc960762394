package dev.cutover.approval;

import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.plan.Arn;
import java.util.Map;
import java.util.Optional;

/**
 * The approval functions' environment.
 *
 * <ul>
 *   <li>{@value #TABLE}: the DynamoDB table of waiting approvals (partition key {@code
 *       executionArn}, string; TTL attribute {@code expiresAt});
 *   <li>{@value #KEY}: the KMS key the task tokens are encrypted under (id, ARN or alias);
 *   <li>{@value #TOPIC}: the SNS topic the notices go to (the request function only).
 * </ul>
 *
 * @param table the table name
 * @param keyId the KMS key
 * @param topicArn the topic, or {@code null} for the decide function
 */
record ApprovalConfig(String table, String keyId, String topicArn) {

  static final String TABLE = "CUTOVER_APPROVAL_TABLE";
  static final String KEY = "CUTOVER_APPROVAL_KEY_ID";
  static final String TOPIC = "CUTOVER_APPROVAL_TOPIC_ARN";

  /** For the request function, which needs all three. */
  static ApprovalConfig forRequest(Map<String, String> environment) {
    String topic = required(environment, TOPIC, "the ARN of the SNS topic approvers subscribe to");
    Optional<Arn> arn = Arn.parse(topic);
    if (arn.isEmpty() || !arn.get().service().equals("sns") || arn.get().region().isEmpty()) {
      throw new PreconditionFailedException(TOPIC + " is \"" + topic + "\", which is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME).");
    }
    return new ApprovalConfig(table(environment), key(environment), topic);
  }

  /** For the decide function, which does not publish. */
  static ApprovalConfig forDecide(Map<String, String> environment) {
    return new ApprovalConfig(table(environment), key(environment), null);
  }

  /** The topic's region, from its ARN. */
  String topicRegion() {
    return Arn.parse(topicArn).orElseThrow().region();
  }

  private static String table(Map<String, String> environment) {
    return required(environment, TABLE, "the name of the DynamoDB table of waiting approvals");
  }

  private static String key(Map<String, String> environment) {
    return required(environment, KEY, "the KMS key (id, ARN or alias) that encrypts the task tokens");
  }

  private static String required(Map<String, String> environment, String name, String what) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      throw new PreconditionFailedException(name + " is not set; set it to " + what + ".");
    }
    return value.strip();
  }
}
