package dev.cutover.approval.aws;

import dev.cutover.approval.port.ApprovalStore;
import dev.cutover.approval.port.DecidePorts;
import dev.cutover.approval.port.Notifier;
import dev.cutover.approval.port.RequestPorts;
import dev.cutover.approval.port.StarterLookup;
import dev.cutover.approval.port.TaskCallbacks;
import dev.cutover.approval.port.TokenCipher;
import dev.cutover.aws.AwsClients;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The approval's ports on AWS, with the function's own credentials: the table and the key in the
 * function's region, the topic in its own region (from its ARN), Step Functions and CloudTrail in
 * the execution's region. Clients are built on first use and live as long as the container; local
 * runs point them elsewhere with {@code AWS_ENDPOINT_URL_DYNAMODB}, {@code _KMS}, {@code _SNS},
 * {@code _SFN}, {@code _CLOUDTRAIL}.
 */
public final class AwsApprovalPorts implements RequestPorts, DecidePorts {

  private final AwsClients clients;
  private final String table;
  private final String keyId;
  private final String topicArn;
  private final String topicRegion;
  private final Clock clock;
  private final ConcurrentMap<String, SfnClient> sfn = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, CloudTrailClient> cloudTrail = new ConcurrentHashMap<>();
  private DynamoDbClient dynamo;
  private KmsClient kms;
  private SnsClient sns;

  /**
   * @param topicArn the notices' topic, {@code null} for the decide function
   * @param topicRegion the topic's region, {@code null} with it
   */
  public AwsApprovalPorts(AwsClients clients, String table, String keyId, String topicArn, String topicRegion, Clock clock) {
    this.clients = clients;
    this.table = table;
    this.keyId = keyId;
    this.topicArn = topicArn;
    this.topicRegion = topicRegion;
    this.clock = clock;
  }

  @Override
  public synchronized ApprovalStore store() {
    if (dynamo == null) {
      dynamo = clients.forOwnAccount().build(DynamoDbClient.builder(), "DynamoDB");
    }
    return new DynamoDbApprovalStore(dynamo, table);
  }

  @Override
  public synchronized TokenCipher cipher() {
    if (kms == null) {
      kms = clients.forOwnAccount().build(KmsClient.builder(), "KMS");
    }
    return new KmsTokenCipher(kms, keyId);
  }

  @Override
  public synchronized Notifier notifier() {
    if (topicArn == null) {
      throw new IllegalStateException("the decide function publishes no notice");
    }
    if (sns == null) {
      sns = clients.forAccount(null, null, Region.of(topicRegion)).build(SnsClient.builder(), "SNS");
    }
    return new SnsNotifier(sns, topicArn);
  }

  @Override
  public TaskCallbacks callbacks(String region) {
    return new SfnTaskCallbacks(sfn.computeIfAbsent(
        region, r -> SfnTaskCallbacks.client(clients.forAccount(null, null, Region.of(r)).configure(SfnClient.builder(), "SFN"))));
  }

  @Override
  public StarterLookup starters(String region) {
    return new CloudTrailStarterLookup(
        cloudTrail.computeIfAbsent(
            region, r -> clients.forAccount(null, null, Region.of(r)).build(CloudTrailClient.builder(), "CloudTrail")),
        region,
        clock);
  }
}
