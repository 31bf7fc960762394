package dev.cutover.local.rehearsal;

import dev.cutover.approval.DecideHandler;
import dev.cutover.approval.RequestApprovalHandler;
import dev.cutover.approval.aws.SfnTaskCallbacks;
import dev.cutover.cutover.port.Certificate;
import dev.cutover.cutover.port.DnsRecord;
import dev.cutover.local.edge.DistributionConfigs;
import dev.cutover.local.edge.LocalDnsZone;
import dev.cutover.local.edge.LocalEdge;
import dev.cutover.local.edge.Viewers;
import dev.cutover.local.edge.ports.LocalCertificates;
import dev.cutover.local.endpoint.StepFunctionsEndpoint;
import dev.cutover.local.runtime.LocalApproval;
import dev.cutover.local.runtime.LocalDecideUrl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * What {@code cdk deploy} and a migration's starting point are in AWS, on loopback: the local
 * world (embedded S3 with blue, green and the report bucket, Batch Operations, STS), blue's and
 * green's distributions on the local edge with the hostname on blue, the hosted zone aliasing the
 * hostname to blue's distribution, green's certificate, every step registered as a function, the
 * local Step Functions endpoint with {@code migration.asl.json} created in it, the approval and
 * the decide URL. {@code cutover rehearse} seeds and drives it; {@code cutover serve} just keeps
 * it up.
 */
public final class LocalDeployment implements AutoCloseable {

  public static final String BLUE_DISTRIBUTION = "E2QWRUHAPOMQZL";
  public static final String GREEN_DISTRIBUTION = "E3ABCDEF123456";
  public static final String BLUE_DOMAIN = "d111111abcdef8.cloudfront.net";
  public static final String GREEN_DOMAIN = "d222222abcdef8.cloudfront.net";
  public static final String GREEN_CERTIFICATE = "arn:aws:acm:us-east-1:444455556666:certificate/12345678-1234-1234-1234-123456789012";
  public static final String STATE_MACHINE_NAME = "cutover-migration";
  public static final String TOPIC_ARN = "arn:aws:sns:" + LocalWorld.REGION + ":" + LocalWorld.ACCOUNT + ":cutover-notices";
  /** Who starts executions: the approver must be someone else. */
  public static final String STARTER_ARN = "arn:aws:iam::" + LocalWorld.ACCOUNT + ":user/rehearsal-starter";
  /** The access key id the decide URL maps to the plan's approver. */
  public static final String APPROVER_ACCESS_KEY = "AKIAREHEARSALAPPROVER";

  /**
   * How the deployment is set up.
   *
   * @param clock the engine's, the edge's and the steps' time (a {@code ScaledClock} for a rehearsal)
   * @param endpointPort the Step Functions endpoint's port on 127.0.0.1, 0 for any
   * @param stateDirectory where the endpoint journals executions (empty: in memory); a restarted
   *     engine resumes from it
   * @param deployDelay how long a distribution change takes to deploy, in {@code clock} time
   * @param dnsSyncDelay how long a DNS change stays PENDING, in {@code clock} time
   * @param greenCompresses whether green's distribution compresses like blue's (false: the
   *     parity-drift fault)
   */
  public record Settings(Clock clock, int endpointPort, Optional<Path> stateDirectory, Duration deployDelay, Duration dnsSyncDelay, boolean greenCompresses) {

    /** A rehearsal's: deploys of a minute and DNS of 20 s, in engine time. */
    public static Settings of(Clock clock) {
      return new Settings(clock, 0, Optional.empty(), Duration.ofSeconds(60), Duration.ofSeconds(20), true);
    }

    public Settings withStateDirectory(Path directory) {
      return new Settings(clock, endpointPort, Optional.of(directory), deployDelay, dnsSyncDelay, greenCompresses);
    }

    public Settings withEndpointPort(int port) {
      return new Settings(clock, port, stateDirectory, deployDelay, dnsSyncDelay, greenCompresses);
    }

    public Settings withGreenCompressing(boolean compresses) {
      return new Settings(clock, endpointPort, stateDirectory, deployDelay, dnsSyncDelay, compresses);
    }
  }

  private final Settings settings;
  private final RehearsalPlan plan;
  private final Path logs;
  private final LocalWorld world;
  private final LocalEdge edge;
  private final LocalDnsZone zone;
  private final LocalCertificates certificates = new LocalCertificates();
  private final Map<String, String> substitutions = new HashMap<>();
  private final HttpClient viewer;
  private final LocalDecideUrl decide;
  private final SfnClient sfn;
  private final String stateMachineArn;
  private StepFunctionsEndpoint endpoint;

  private LocalDeployment(Settings settings) throws IOException {
    this.settings = settings;
    this.plan = RehearsalPlan.defaults(BLUE_DISTRIBUTION, GREEN_DISTRIBUTION);
    this.logs = Files.createTempDirectory("cutover-edge-logs");
    this.world = LocalWorld.start(settings.clock());
    // What started before a failure (a taken port, a state directory it cannot read) is stopped again.
    List<AutoCloseable> started = new ArrayList<>();
    try {
      this.edge = LocalEdge.builder(world.admin()).clock(settings.clock()).deployDelay(settings.deployDelay()).logDirectory(logs).start();
      started.add(edge);
      world.s3().createBucket(plan.blueBucket(), true);
      world.s3().createBucket(plan.greenBucket(), true);
      world.s3().createBucket(plan.reportBucket(), false);
      edge.importDistribution(BLUE_DISTRIBUTION, BLUE_DOMAIN, RehearsalPlan.BLUE_ACCOUNT,
          DistributionConfigs.s3(plan.blueBucket(), LocalWorld.REGION).aliases(plan.hostname()).compress(true).build());
      edge.importDistribution(GREEN_DISTRIBUTION, GREEN_DOMAIN, RehearsalPlan.GREEN_ACCOUNT,
          DistributionConfigs.s3(plan.greenBucket(), LocalWorld.REGION).aliases("*." + plan.zoneName()).compress(settings.greenCompresses())
              .certificate(GREEN_CERTIFICATE).build());
      certificates.put(new Certificate(GREEN_CERTIFICATE, Certificate.ISSUED, Instant.parse("2099-06-01T23:59:59Z"),
          List.of("*." + plan.zoneName(), plan.zoneName())));
      this.zone = new LocalDnsZone(settings.clock(), settings.dnsSyncDelay(), 3);
      zone.createHostedZone(plan.hostedZoneId(), plan.zoneName(),
          List.of(DnsRecord.aliasToCloudFront(plan.hostname() + ".", "A", BLUE_DOMAIN + ".")));
      this.viewer = Viewers.client(zone.resolverTo(edge), Duration.ofSeconds(5));

      substitutions.putAll(world.registerDataSteps());
      substitutions.putAll(world.registerLogScan(logs, "blue_cloudfront"));
      substitutions.putAll(world.registerEdgeSteps(edge, zone, certificates));
      substitutions.put("LogsDatabase", "cutover_logs");
      substitutions.put("LogsTable", "blue_cloudfront");
      substitutions.put("AthenaWorkGroup", "cutover");
      substitutions.put("NotificationTopicArn", TOPIC_ARN);

      this.endpoint = newEndpoint(settings.endpointPort());
      started.add(endpoint);
      this.sfn = sfnClient(endpoint.endpoint());
      started.add(sfn);
      LocalApproval approval = new LocalApproval(world.notices(), TOPIC_ARN,
          new SfnTaskCallbacks(SfnTaskCallbacks.client(SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint.endpoint()).region(Region.of(LocalWorld.REGION))
              .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))))),
          STARTER_ARN);
      substitutions.put("RequestApprovalFunctionArn",
          world.functions().register("cutover-request-approval", RequestApprovalHandler.local(approval, settings.clock()), Duration.ofMinutes(1)));
      this.decide = LocalDecideUrl.start(DecideHandler.local(approval, settings.clock()),
          key -> APPROVER_ACCESS_KEY.equals(key) ? plan.approver() : "arn:aws:iam::" + LocalWorld.ACCOUNT + ":user/" + key, LocalWorld.ACCOUNT,
          settings.clock());
      started.add(decide);
      this.stateMachineArn = existingOrNewStateMachine();
    } catch (RuntimeException e) {
      for (AutoCloseable c : started.reversed()) {
        try {
          c.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      world.close();
      deleteTree(logs);
      throw e;
    }
  }

  /** Starts everything on loopback (the embedded S3 takes some seconds). */
  public static LocalDeployment start(Settings settings) {
    try {
      return new LocalDeployment(settings);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot create the local edge's log directory: " + e.getMessage(), e);
    }
  }

  private StepFunctionsEndpoint newEndpoint(int port) {
    return new StepFunctionsEndpoint(port, settings.clock(), resource -> switch (resource) {
      case "arn:aws:states:::lambda:invoke", "arn:aws:states:::lambda:invoke.waitForTaskToken" -> Optional.of(world.functions().resource());
      case "arn:aws:states:::sns:publish" -> Optional.of(world.notices().resource());
      default -> Optional.empty();
    }, LocalWorld.REGION, LocalWorld.ACCOUNT, settings.stateDirectory().orElse(null)).start();
  }

  private static SfnClient sfnClient(URI endpoint) {
    // One HTTP client named: with several on the class path (the cli's), the SDK refuses to pick.
    return SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint).region(Region.of(LocalWorld.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
  }

  /**
   * The workflow, created once: a state directory from an earlier run already holds it, and
   * CreateStateMachine with the same definition returns it. The local endpoint has no
   * UpdateStateMachine, so a changed workflow file replaces the machine (same ARN); its executions
   * stay readable, and running ones go on with the definition they started with.
   */
  private String existingOrNewStateMachine() {
    String definition = RehearsalWorkflow.definition(substitutions);
    Optional<String> existing = sfn.listStateMachines(r -> r.maxResults(1000)).stateMachines().stream()
        .filter(m -> m.name().equals(STATE_MACHINE_NAME)).map(m -> m.stateMachineArn()).findFirst();
    if (existing.isPresent() && !sfn.describeStateMachine(r -> r.stateMachineArn(existing.get())).definition().equals(definition)) {
      sfn.deleteStateMachine(r -> r.stateMachineArn(existing.get()));
    }
    return sfn.createStateMachine(r -> r.name(STATE_MACHINE_NAME).roleArn("arn:aws:iam::" + LocalWorld.ACCOUNT + ":role/cutover-states")
        .definition(definition)).stateMachineArn();
  }

  /**
   * Stops the engine as a killed process would (the journal keeps what it had written), and
   * starts a new one on the same port and state directory, which resumes every unfinished
   * execution. Only with a state directory.
   */
  public synchronized void restartEngine() {
    if (settings.stateDirectory().isEmpty()) {
      throw new IllegalStateException("the engine can only resume with a state directory");
    }
    int port = endpoint.port();
    endpoint.close();
    endpoint = newEndpoint(port);
  }

  /**
   * Posts {@code decision} (APPROVE or REJECT, which needs a {@code reason}) for {@code
   * executionArn} to the decide URL as the plan's approver, as {@code cutover approve} does.
   *
   * @return the decide URL's status and body
   */
  public HttpResponse<String> decide(String executionArn, String decision, String reason) throws IOException, InterruptedException {
    var json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("executionArn", executionArn).put("decision", decision);
    if (reason != null) {
      json.put("reason", reason);
    }
    String body = json.toString();
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(decide.url())
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + APPROVER_ACCESS_KEY + "/20261124/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=00")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  public RehearsalPlan plan() {
    return plan;
  }

  public LocalWorld world() {
    return world;
  }

  public LocalEdge edge() {
    return edge;
  }

  public LocalDnsZone zone() {
    return zone;
  }

  /** An HTTP client that resolves names through the zone to the edge, as a browser would. */
  public HttpClient viewer() {
    return viewer;
  }

  /** {@code http://<hostname>:<edge port>/}: the site users reach. */
  public URI site() {
    return URI.create("http://" + plan.hostname() + ":" + edge.port() + "/");
  }

  /**
   * Users of the site: requests for {@code keys} (most popular first) by hostname, through the
   * zone and the edge, each counted by the side the edge says served it.
   */
  public TrafficGenerator users(List<String> keys, long seed) {
    return new TrafficGenerator(viewer, site(), keys, TrafficGenerator::pathOf,
        response -> sideOf(response.headers().firstValue(LocalEdge.DISTRIBUTION_HEADER).orElse(null)), Clock.systemUTC(), seed);
  }

  /**
   * What users asked for before a run, for the log scan to rank (it refuses a window with no
   * request, as in AWS): one request per key, at least 50 and at most 400, then the edge's logs
   * flushed.
   *
   * @return how many requests were sent
   */
  public int warmUp(TrafficGenerator users, int keys) throws InterruptedException {
    int requests = Math.min(400, Math.max(50, keys));
    users.sendNow(requests);
    edge.flushLogs();
    return requests;
  }

  public URI stepFunctions() {
    return endpoint.endpoint();
  }

  public URI decideUrl() {
    return decide.url();
  }

  /** A client of the endpoint; the deployment closes it. */
  public SfnClient sfn() {
    return sfn;
  }

  public String stateMachineArn() {
    return stateMachineArn;
  }

  /** Green's side of the edge as the traffic names it. */
  public String sideOf(String distributionId) {
    return switch (distributionId == null ? "" : distributionId) {
      case BLUE_DISTRIBUTION -> "blue";
      case GREEN_DISTRIBUTION -> "green";
      default -> distributionId;
    };
  }

  @Override
  public synchronized void close() {
    sfn.close();
    endpoint.close();
    decide.close();
    edge.close();
    world.close();
    deleteTree(logs);
  }

  private static void deleteTree(Path root) {
    try (var files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
