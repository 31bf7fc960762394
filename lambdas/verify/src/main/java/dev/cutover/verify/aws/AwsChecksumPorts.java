package dev.cutover.verify.aws;

import dev.cutover.aws.AwsClients;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Side;
import dev.cutover.verify.port.ChecksumJobs;
import dev.cutover.verify.port.ReportFiles;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * The checksum comparison's ports on AWS, for the plan of each invocation: S3 Control as each
 * side's account (a Compute checksum job runs in the account, and the region, of the objects it
 * reads), S3 as the target account (which owns the report bucket, in the target's region, as the
 * verify step assumes). Clients are built once per role, migration and region and live as long
 * as the container.
 */
public final class AwsChecksumPorts {

  private final AwsClients clients;
  private final ConcurrentMap<Key, S3ControlClient> s3Control = new ConcurrentHashMap<>();
  private final ConcurrentMap<Key, S3Client> s3 = new ConcurrentHashMap<>();

  public AwsChecksumPorts(AwsClients clients) {
    this.clients = clients;
  }

  /** Batch Operations in the account and region of {@code side}. */
  public ChecksumJobs jobs(Plan plan, Side side) {
    S3ControlClient client =
        s3Control.computeIfAbsent(
            Key.of(plan, side),
            k ->
                S3ControlChecksumJobs.client(
                    account(k).configure(S3ControlClient.builder(), "S3 Control"),
                    clients.endpointOverride("S3 Control")));
    return new S3ControlChecksumJobs(client);
  }

  /** The report bucket, as the target account. */
  public ReportFiles reports(Plan plan) {
    S3Client client =
        s3.computeIfAbsent(
            Key.of(plan, plan.target()),
            k ->
                account(k)
                    .configure(S3Client.builder(), "S3")
                    .forcePathStyle(clients.endpointOverride("S3").isPresent())
                    .build());
    return new S3ReportFiles(client, plan.batch().reportBucket(), plan.target().accountId());
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
