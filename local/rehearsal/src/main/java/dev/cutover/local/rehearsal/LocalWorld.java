package dev.cutover.local.rehearsal;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.cutover.aws.AwsClients;
import dev.cutover.backfill.BackfillHandler;
import dev.cutover.backfill.aws.S3ReportObjects;
import dev.cutover.cutover.CutoverHandler;
import dev.cutover.cutover.Ports;
import dev.cutover.cutover.RollbackHandler;
import dev.cutover.local.batch.Faults;
import dev.cutover.local.batch.LocalBatchJobs;
import dev.cutover.local.batch.LocalBatchOperations;
import dev.cutover.local.batch.LocalChecksumJobs;
import dev.cutover.local.batch.LocalReplication;
import dev.cutover.local.batch.ReplicationStatuses;
import dev.cutover.local.edge.LocalDnsZone;
import dev.cutover.local.edge.LocalEdge;
import dev.cutover.local.edge.ports.CutoverDistributions;
import dev.cutover.local.edge.ports.CutoverZone;
import dev.cutover.local.edge.ports.LocalCertificates;
import dev.cutover.local.edge.ports.ParityEdgeConfigs;
import dev.cutover.local.edge.ports.ParityProbe;
import dev.cutover.local.edge.ports.WatchMetrics;
import dev.cutover.local.edge.ports.WatchProbe;
import dev.cutover.local.runtime.LambdaFunctions;
import dev.cutover.local.runtime.LocalNotices;
import dev.cutover.local.runtime.LocalSts;
import dev.cutover.local.s3.LocalS3;
import dev.cutover.local.s3.ObjectWrite;
import dev.cutover.logscan.LogScanHandler;
import dev.cutover.logscan.aws.S3ReportBucket;
import dev.cutover.parity.ParityHandler;
import dev.cutover.parity.aws.AwsAccounts;
import dev.cutover.parity.port.AccountRef;
import dev.cutover.parity.port.Accounts;
import dev.cutover.parity.port.EdgeConfigs;
import dev.cutover.parity.port.KeyListing;
import dev.cutover.plan.Plan;
import dev.cutover.preflight.PreflightHandler;
import dev.cutover.preflight.aws.AwsFacts;
import dev.cutover.preflight.port.BucketFacts;
import dev.cutover.preflight.port.BucketRef;
import dev.cutover.preflight.port.Facts;
import dev.cutover.preflight.port.KeyFacts;
import dev.cutover.replication.ReplicationHandler;
import dev.cutover.replication.aws.S3BucketReplication;
import dev.cutover.replication.aws.S3Clients;
import dev.cutover.replication.aws.S3RecordStore;
import dev.cutover.report.ReportHandler;
import dev.cutover.report.aws.S3ReportStore;
import dev.cutover.verify.ChecksumHandler;
import dev.cutover.verify.VerifyHandler;
import dev.cutover.verify.aws.S3Buckets;
import dev.cutover.verify.aws.S3ReportFiles;
import dev.cutover.watch.WatchHandler;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The world a rehearsal runs in, on loopback: the embedded S3 holding blue, green and the report
 * bucket, an STS that answers every role the plan names, S3 Batch Operations, the notice topic,
 * and the step handlers wired to them in process as the workflow's Lambda functions.
 *
 * <p>Every step runs its production code: the handler, its step logic and its AWS adapters for
 * S3 (over the wire to the embedded server, as each plan role after AssumeRole). Only what has no
 * local wire protocol is replaced, behind the step's own port: S3 Control by the local Batch
 * Operations, KMS DescribeKey by a local managed key.
 */
public final class LocalWorld implements AutoCloseable {

  /** The account the local functions, topic and state machine live in (green's, as in AWS). */
  public static final String ACCOUNT = "444455556666";

  public static final String REGION = "us-east-1";

  private final Clock clock;
  private final LocalS3 s3;
  private final LocalSts sts;
  private final S3Client admin;
  private final LocalBatchOperations batch;
  private final ScheduledExecutorService replicationThreads;
  private final LocalReplication replication;
  private final LocalNotices notices;
  private final LambdaFunctions functions;
  private final AwsClients aws;
  private final Map<String, String> environment;
  private final Map<String, S3Client> targetClients = new ConcurrentHashMap<>();
  private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

  private LocalWorld(Clock clock) {
    this.clock = clock;
    this.s3 = LocalS3.start();
    this.sts = LocalSts.start(clock);
    this.admin = s3.newClient();
    ReplicationStatuses statuses = new ReplicationStatuses();
    this.batch = LocalBatchOperations.builder(admin).replicationConfigs(s3::replicationConfiguration).replicationStatuses(statuses).clock(clock)
        // S3 Batch Operations paces itself and retries a throttled task until it goes through; three
        // attempts failed a task now and then under the s3-throttling fault's 5 %.
        .maxTaskAttempts(10).build();
    // Live replication: S3 decides at write time whether a write replicates, and copies it within
    // seconds; here within a tenth of a second, so a rehearsal's writes reach green in time.
    this.replicationThreads = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "local-replication");
      t.setDaemon(true);
      return t;
    });
    this.replication = new LocalReplication(admin, s3::replicationConfiguration, statuses, new Faults(), replicationThreads, Duration.ofMillis(100));
    s3.onWrite(write -> {
      if (write.kind() == ObjectWrite.Kind.DELETE) {
        // DeleteObject without a version id is the only delete a rehearsal makes.
        replication.onDelete(write.bucket(), write.key(), true);
      } else {
        replication.onWrite(write.bucket(), write.key(), write.versionId().orElse(null));
      }
    });
    this.notices = new LocalNotices(clock);
    this.functions = new LambdaFunctions(REGION, ACCOUNT, clock);
    Map<String, String> env = new HashMap<>();
    env.put("AWS_REGION", REGION);
    env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
    env.put("CUTOVER_REPLICATION_ROLE_ARN", "arn:aws:iam::111122223333:role/cutover-replication");
    env.put("CUTOVER_BATCH_ROLE_ARN", "arn:aws:iam::111122223333:role/cutover-source-batch");
    env.put("CUTOVER_CHECKSUM_SOURCE_ROLE_ARN", "arn:aws:iam::111122223333:role/cutover-source-batch");
    env.put("CUTOVER_CHECKSUM_TARGET_ROLE_ARN", "arn:aws:iam::444455556666:role/cutover-target-batch");
    this.environment = Map.copyOf(env);
    this.aws = new AwsClients(environment, StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
        AwsClients.DEFAULT_API_CALL_TIMEOUT, AwsClients.DEFAULT_API_CALL_ATTEMPT_TIMEOUT);
  }

  /** Starts the embedded services (S3 takes some seconds) on loopback. */
  public static LocalWorld start(Clock clock) {
    return new LocalWorld(clock);
  }

  public LocalS3 s3() {
    return s3;
  }

  /** An S3 client with no role: for seeding, snapshots and reading reports. */
  public S3Client admin() {
    return admin;
  }

  public LocalSts sts() {
    return sts;
  }

  public LocalBatchOperations batch() {
    return batch;
  }

  /** Live replication: copies each write a bucket's replication rule selects, as S3 does. */
  public LocalReplication replication() {
    return replication;
  }

  public LocalNotices notices() {
    return notices;
  }

  public LambdaFunctions functions() {
    return functions;
  }

  /** The variables every local function sees, as Lambda's environment would carry them. */
  public Map<String, String> environment() {
    return environment;
  }

  /**
   * Registers the data-side steps, each under its function name {@code cutover-<step>}:
   * preflight, replication, backfill, verify, checksum and report.
   *
   * @return the placeholder substitutions for them ({@code PreflightFunctionArn} → ARN, …)
   */
  public Map<String, String> registerDataSteps() {
    Map<String, String> arns = new HashMap<>();
    arns.put("PreflightFunctionArn", register("cutover-preflight", PreflightHandler.local(facts(), environment), Duration.ofMinutes(15)));
    S3Clients replicationClients = S3Clients.from(aws);
    arns.put("ReplicationFunctionArn", register("cutover-replication",
        ReplicationHandler.local(new S3BucketReplication(replicationClients), new S3RecordStore(replicationClients), environment), Duration.ofMinutes(2)));
    arns.put("BackfillFunctionArn", register("cutover-backfill",
        BackfillHandler.local(plan -> new LocalBatchJobs(batch), plan -> new S3ReportObjects(targetClient(plan), plan.target().accountId()), environment),
        Duration.ofMinutes(5)));
    arns.put("VerifyFunctionArn", register("cutover-verify", VerifyHandler.local(new S3Buckets(aws), environment), Duration.ofMinutes(15)));
    arns.put("ChecksumFunctionArn", register("cutover-checksum",
        ChecksumHandler.local(plan -> new LocalChecksumJobs(batch), plan -> new LocalChecksumJobs(batch),
            plan -> new S3ReportFiles(targetClient(plan), plan.batch().reportBucket(), plan.target().accountId()), environment),
        Duration.ofMinutes(15)));
    arns.put("ReportFunctionArn", register("cutover-report", ReportHandler.local(S3ReportStore.opener(aws), clock), Duration.ofMinutes(5)));
    return Map.copyOf(arns);
  }

  /**
   * Registers the log scan on DuckDB over the CloudFront standard logs under {@code logs}, as
   * table {@code table}.
   *
   * @return its placeholder substitution ({@code LogScanFunctionArn} → ARN)
   */
  public Map<String, String> registerLogScan(Path logs, String table) {
    LocalAthena athena = new LocalAthena(logs, table);
    closing.add(athena);
    return Map.of("LogScanFunctionArn",
        register("cutover-logscan", LogScanHandler.local(athena, S3ReportBucket.opener(aws), clock), Duration.ofMinutes(15)));
  }

  /**
   * Registers the edge-side steps on the local edge and zone: parity (the edge's configurations,
   * probes through each distribution's own name), cutover and rollback (the edge's aliases, the
   * zone's records, the certificates, the compensation record in the report bucket over S3), and
   * the bake's watch (the edge's own per-minute metrics, probes through the public hostname).
   *
   * @return their placeholder substitutions
   */
  public Map<String, String> registerEdgeSteps(LocalEdge edge, LocalDnsZone zone, LocalCertificates certificates) {
    Function<String, Optional<InetSocketAddress>> resolver = zone.resolverTo(edge);
    AwsAccounts s3Accounts = new AwsAccounts(aws);
    Accounts accounts = new Accounts() {
      @Override
      public EdgeConfigs edge(AccountRef account) {
        return new ParityEdgeConfigs(edge, account.accountId());
      }

      @Override
      public KeyListing keys(dev.cutover.parity.port.BucketRef bucket) {
        return s3Accounts.keys(bucket);
      }

      @Override
      public dev.cutover.parity.port.ReportStore reports(dev.cutover.parity.port.BucketRef bucket) {
        return s3Accounts.reports(bucket);
      }
    };
    Ports ports = new Ports(new CutoverDistributions(edge), new CutoverZone(zone), certificates,
        new dev.cutover.cutover.aws.S3RecordStore(location -> s3As(location.roleArn(), location.sessionName(), location.region())));
    Map<String, String> arns = new HashMap<>();
    arns.put("ParityFunctionArn", register("cutover-parity",
        ParityHandler.local(accounts, new ParityProbe(resolver, Duration.ofSeconds(10), 1 << 22), edge::urlFor), Duration.ofMinutes(5)));
    arns.put("CutoverFunctionArn", register("cutover-cutover", CutoverHandler.local(ports, environment, clock), Duration.ofMinutes(3)));
    arns.put("RollbackFunctionArn", register("cutover-rollback", RollbackHandler.local(ports, environment), Duration.ofMinutes(3)));
    arns.put("WatchFunctionArn", register("cutover-watch",
        WatchHandler.local(new WatchMetrics(edge.metrics()), new WatchProbe(resolver, Duration.ofSeconds(10)), clock::instant, edge::urlFor, environment),
        Duration.ofMinutes(2)));
    return Map.copyOf(arns);
  }

  private String register(String name, RequestStreamHandler handler, Duration timeout) {
    return functions.register(name, handler, timeout);
  }

  /** Green's S3 as the plan's target role. */
  private S3Client targetClient(Plan plan) {
    return s3As(plan.target().roleArn(), plan.migrationId(), plan.target().region());
  }

  /** S3 as {@code roleArn}, one client per role, session and region for the world's life. */
  private S3Client s3As(String roleArn, String sessionName, String region) {
    return targetClients.computeIfAbsent(roleArn + "|" + sessionName + "|" + region, k ->
        aws.forAccount(roleArn, sessionName, Region.of(region)).build(S3Client.builder(), "S3"));
  }

  /**
   * Preflight's facts: S3 through its AWS adapter; KMS has no local server, so the AWS managed key
   * for S3 is a local key ARN per account and region (no object in the rehearsal is under it).
   */
  private Facts facts() {
    AwsFacts s3Facts = new AwsFacts(aws);
    return new Facts() {
      @Override
      public BucketFacts bucket(BucketRef bucket) {
        return s3Facts.bucket(bucket);
      }

      @Override
      public KeyFacts keys(BucketRef bucket) {
        return () -> Optional.of("arn:aws:kms:" + bucket.region() + ":" + bucket.expectedOwner() + ":key/00000000-0000-4000-8000-00000000a053");
      }
    };
  }

  @Override
  public void close() {
    for (AutoCloseable c : closing) {
      try {
        c.close();
      } catch (Exception e) {
        // closing the rest matters more
      }
    }
    targetClients.values().forEach(S3Client::close);
    aws.close();
    batch.close();
    replication.close();
    replicationThreads.shutdownNow();
    admin.close();
    sts.close();
    s3.close();
  }
}
