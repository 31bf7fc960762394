package dev.cutover.local.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.approval.DecideHandler;
import dev.cutover.approval.RequestApprovalHandler;
import dev.cutover.approval.aws.SfnTaskCallbacks;
import dev.cutover.asl.engine.ScaledClock;
import dev.cutover.cutover.port.Certificate;
import dev.cutover.cutover.port.DnsRecord;
import dev.cutover.local.edge.DistributionConfigs;
import dev.cutover.local.edge.LocalDnsZone;
import dev.cutover.local.edge.LocalEdge;
import dev.cutover.local.edge.ports.LocalCertificates;
import dev.cutover.local.endpoint.StepFunctionsEndpoint;
import dev.cutover.local.runtime.LocalApproval;
import dev.cutover.local.runtime.LocalDecideUrl;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The whole migration, with nothing scripted: migration.asl.json on the local Step Functions
 * endpoint, every step its production handler on the local world (embedded S3, Batch Operations,
 * edge, zone, DuckDB), the approval posted to the local decide URL as {@code cutover approve}
 * posts it. Time runs 50 times faster than the wall clock, so the workflow's real waits (backfill
 * polls, deploys, a ten-minute bake) pass in seconds.
 */
class MigrationOnLocalWorldTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BLUE = "E2QWRUHAPOMQZL";
  private static final String GREEN = "E3ABCDEF123456";
  private static final String BLUE_DOMAIN = "d111111abcdef8.cloudfront.net";
  private static final String GREEN_DOMAIN = "d222222abcdef8.cloudfront.net";
  private static final String GREEN_CERT = "arn:aws:acm:us-east-1:444455556666:certificate/12345678-1234-1234-1234-123456789012";

  @Test
  void a_migration_runs_end_to_end_and_moves_the_hostname_to_green_leaving_blue_untouched() throws Exception {
    ScaledClock clock = new ScaledClock(50);
    RehearsalPlan rehearsal = RehearsalPlan.defaults(BLUE, GREEN);
    Path logs = Files.createTempDirectory("rehearsal-logs");
    try (LocalWorld world = LocalWorld.start(clock);
        LocalEdge edge = LocalEdge.builder(world.admin()).clock(clock).deployDelay(Duration.ofSeconds(60)).logDirectory(logs).start()) {
      world.s3().createBucket(rehearsal.blueBucket(), true);
      world.s3().createBucket(rehearsal.greenBucket(), true);
      world.s3().createBucket(rehearsal.reportBucket(), false);
      AssetSet assets = AssetSet.of(rehearsal.prefix(), 30, 1);
      assets.write(world.admin(), rehearsal.blueBucket(), 4, n -> {});
      BucketSnapshot blueBefore = BucketSnapshot.take(world.admin(), rehearsal.blueBucket());

      edge.importDistribution(BLUE, BLUE_DOMAIN, RehearsalPlan.BLUE_ACCOUNT,
          DistributionConfigs.s3(rehearsal.blueBucket(), "us-east-1").aliases(rehearsal.hostname()).build());
      edge.importDistribution(GREEN, GREEN_DOMAIN, RehearsalPlan.GREEN_ACCOUNT,
          DistributionConfigs.s3(rehearsal.greenBucket(), "us-east-1").aliases("*.example.com").certificate(GREEN_CERT).build());
      LocalCertificates certificates = new LocalCertificates();
      certificates.put(new Certificate(GREEN_CERT, Certificate.ISSUED, Instant.parse("2027-06-01T23:59:59Z"), List.of("*.example.com", "example.com")));
      LocalDnsZone zone = new LocalDnsZone(clock, Duration.ofSeconds(20), 3);
      zone.createHostedZone(rehearsal.hostedZoneId(), rehearsal.zoneName(), List.of(DnsRecord.aliasToCloudFront(rehearsal.hostname() + ".", "A", BLUE_DOMAIN + ".")));

      // Users were here before the run: the log scan has something to rank.
      HttpClient viewer = dev.cutover.local.edge.Viewers.client(zone.resolverTo(edge), Duration.ofSeconds(5));
      for (AssetSet.Asset asset : assets.assets().subList(0, 10)) {
        String path = asset.key().substring(rehearsal.prefix().length());
        HttpResponse<Void> answer = viewer.send(HttpRequest.newBuilder(java.net.URI.create("http://" + rehearsal.hostname() + "/" + rehearsal.prefix()
            + encode(path))).GET().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).as(asset.key()).isEqualTo(200);
      }
      edge.flushLogs();

      Map<String, String> substitutions = new HashMap<>();
      substitutions.putAll(world.registerDataSteps());
      substitutions.putAll(world.registerLogScan(logs, "blue_cloudfront"));
      substitutions.putAll(world.registerEdgeSteps(edge, zone, certificates));
      substitutions.put("LogsDatabase", "cutover_logs");
      substitutions.put("LogsTable", "blue_cloudfront");
      substitutions.put("AthenaWorkGroup", "cutover");
      String topic = "arn:aws:sns:us-east-1:" + LocalWorld.ACCOUNT + ":cutover-notices";
      substitutions.put("NotificationTopicArn", topic);

      try (StepFunctionsEndpoint endpoint = new StepFunctionsEndpoint(0, clock, resource -> switch (resource) {
            case "arn:aws:states:::lambda:invoke", "arn:aws:states:::lambda:invoke.waitForTaskToken" -> Optional.of(world.functions().resource());
            case "arn:aws:states:::sns:publish" -> Optional.of(world.notices().resource());
            default -> Optional.empty();
          }, "us-east-1", LocalWorld.ACCOUNT).start();
          SfnClient sfn = SfnClient.builder().endpointOverride(endpoint.endpoint()).region(Region.US_EAST_1)
              .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
        LocalApproval approval = new LocalApproval(world.notices(), topic,
            new SfnTaskCallbacks(SfnTaskCallbacks.client(SfnClient.builder().endpointOverride(endpoint.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))))),
            "arn:aws:iam::" + LocalWorld.ACCOUNT + ":user/rehearsal-starter");
        substitutions.put("RequestApprovalFunctionArn",
            world.functions().register("cutover-request-approval", RequestApprovalHandler.local(approval, clock), Duration.ofMinutes(1)));
        try (LocalDecideUrl decide = LocalDecideUrl.start(DecideHandler.local(approval, clock), key -> rehearsal.approver(), LocalWorld.ACCOUNT, clock)) {
          String machine = sfn.createStateMachine(r -> r.name("cutover-migration").roleArn("arn:aws:iam::" + LocalWorld.ACCOUNT + ":role/cutover-states")
              .definition(RehearsalWorkflow.definition(substitutions))).stateMachineArn();
          String execution = sfn.startExecution(r -> r.stateMachineArn(machine).name("rehearsal-1").input(rehearsal.json("MIGRATE").toString())).executionArn();

          awaitApproval(sfn, execution);
          HttpResponse<String> decided = HttpClient.newHttpClient().send(HttpRequest.newBuilder(decide.url())
              .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAREHEARSAL/20261124/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=00")
              .POST(HttpRequest.BodyPublishers.ofString("{\"executionArn\":\"" + execution + "\",\"decision\":\"APPROVE\"}")).build(),
              HttpResponse.BodyHandlers.ofString());
          assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);

          DescribeExecutionResponse end = awaitEnd(sfn, execution);
          assertThat(end.status()).as(end.error() + ": " + end.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
          JsonNode output = JSON.readTree(end.output());
          assertThat(output.path("outcome").asText()).isEqualTo("MIGRATED");
          assertThat(edge.routeOf(rehearsal.hostname())).contains(GREEN);
          assertThat(blueBefore.changesTo(BucketSnapshot.take(world.admin(), rehearsal.blueBucket()))).isEmpty();
        }
      }
    }
  }

  private static String encode(String path) {
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/", -1)) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return out.toString();
  }

  private static void awaitApproval(SfnClient sfn, String execution) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      DescribeExecutionResponse d = sfn.describeExecution(r -> r.executionArn(execution));
      if (d.status() != ExecutionStatus.RUNNING) {
        throw new AssertionError("ended before asking for approval: " + d.status() + " " + d.error() + ": " + d.cause());
      }
      List<HistoryEvent> events = sfn.getExecutionHistory(r -> r.executionArn(execution).maxResults(1000)).events();
      if (events.stream().anyMatch(e -> e.typeAsString().equals("TaskSubmitted"))) {
        return;
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
    throw new AssertionError("no approval asked for within 120 s");
  }

  private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String execution) {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    DescribeExecutionResponse d = sfn.describeExecution(r -> r.executionArn(execution));
    while (d.status() == ExecutionStatus.RUNNING && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      d = sfn.describeExecution(r -> r.executionArn(execution));
    }
    return d;
  }
}
