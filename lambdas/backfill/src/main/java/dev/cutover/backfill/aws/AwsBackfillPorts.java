package dev.cutover.backfill.aws;

import dev.cutover.aws.AwsClients;
import dev.cutover.backfill.port.BatchJobs;
import dev.cutover.backfill.port.ReportObjects;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Side;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * The backfill's ports on AWS, for the plan of each invocation: S3 Control as the source account
 * (which owns the job), S3 as the target account (which owns the report bucket). Clients are built
 * once per role, migration and region and live as long as the container.
 */
public final class AwsBackfillPorts {

  private final AwsClients clients;
  private final ConcurrentMap<Key, S3ControlClient> s3Control = new ConcurrentHashMap<>();
  private final ConcurrentMap<Key, S3Client> s3 = new ConcurrentHashMap<>();

  public AwsBackfillPorts(AwsClients clients) {
    this.clients = clients;
  }

  public BatchJobs batchJobs(Plan plan) {
    S3ControlClient client =
        s3Control.computeIfAbsent(
            Key.of(plan, plan.source()),
            k ->
                S3ControlBatchJobs.client(
                    account(k).configure(S3ControlClient.builder(), "S3 Control"),
                    clients.endpointOverride("S3 Control")));
    return new S3ControlBatchJobs(client);
  }

  public ReportObjects reportObjects(Plan plan) {
    S3Client client =
        s3.computeIfAbsent(
            Key.of(plan, plan.target()),
            k ->
                account(k)
                    .configure(S3Client.builder(), "S3")
                    .forcePathStyle(clients.endpointOverride("S3").isPresent())
                    .build());
    return new S3ReportObjects(client, plan.target().accountId());
  }

  private AwsClients.Account account(Key key) {
    return clients.forAccount(key.roleArn(), key.migrationId(), Region.of(key.region()));
  }

  private record Key(String roleArn, String migrationId, String region) {
    static Key of(Plan plan, Side side) {
      return new Key(side.roleArn(), plan.migrationId(), side.region());
    }
  }
}
