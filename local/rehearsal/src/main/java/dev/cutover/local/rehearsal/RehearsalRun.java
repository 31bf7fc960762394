package dev.cutover.local.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.asl.engine.ScaledClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * {@code cutover rehearse}: a whole migration on this machine. Starts the {@link
 * LocalDeployment}, seeds blue, puts users on the hostname (a {@link TrafficGenerator} through the
 * local edge, for the whole run) and an application writing new objects to blue during the dual
 * run, runs {@code migration.asl.json} to its end while telling a person what happens, asks for the
 * approval (or approves at once), injects the {@link Fault} asked for at its point of the run, and
 * ends with the proof: where the run ended against where it had to, blue's objects as they were,
 * every request answered, and {@code rehearsal.html}.
 */
public final class RehearsalRun {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> QUIET_STATES = Set.of("Choice", "Pass", "Wait");

  /**
   * What to rehearse.
   *
   * @param objects assets seeded into blue
   * @param requestsPerSecond the users' traffic through the edge
   * @param fault the fault to inject, if any
   * @param autoApprove approve as soon as the approval is asked for (else the {@link Approver} decides)
   * @param reportDirectory where report.html, report.json, rehearsal.html and rehearsal.json go
   * @param speed how much faster than the wall clock the workflow's time runs (its waits, the
   *     deploys, the bake)
   * @param seed the asset set's and the traffic's
   */
  public record Options(int objects, int requestsPerSecond, Optional<Fault> fault, boolean autoApprove, Path reportDirectory, double speed, long seed) {

    public Options {
      if (objects < 1) {
        throw new IllegalArgumentException("objects must be at least 1, not " + objects);
      }
      if (requestsPerSecond < 1 || requestsPerSecond > 5_000) {
        throw new IllegalArgumentException("requestsPerSecond must be between 1 and 5000, not " + requestsPerSecond);
      }
      if (!(speed >= 1 && speed <= 1_000)) {
        throw new IllegalArgumentException("speed must be between 1 and 1000, not " + speed);
      }
    }

    /** The defaults of {@code cutover rehearse}: workflow time 50 times the wall clock's. */
    public static Options of(int objects, int requestsPerSecond, Optional<Fault> fault, boolean autoApprove, Path reportDirectory) {
      return new Options(objects, requestsPerSecond, fault, autoApprove, reportDirectory, 50, 1);
    }
  }

  /** What the approver is shown. */
  public record ApprovalRequest(String executionArn, String verdict, List<String> reasons, Optional<Path> reportHtml, List<String> summary) {}

  /** The approver's answer. */
  public enum Decision {
    APPROVE,
    REJECT,
    /** Say nothing: the approval times out. */
    NONE
  }

  /** A decision and, for a rejection, why (the decide URL requires a reason to reject). */
  public record Answer(Decision decision, String reason) {

    public static Answer approve() {
      return new Answer(Decision.APPROVE, null);
    }

    public static Answer reject(String reason) {
      return new Answer(Decision.REJECT, reason);
    }

    public static Answer none() {
      return new Answer(Decision.NONE, null);
    }
  }

  /** The person deciding (a prompt on the terminal, or a test). */
  @FunctionalInterface
  public interface Approver {
    Answer decide(ApprovalRequest request) throws InterruptedException;
  }

  /**
   * How it went.
   *
   * @param status the execution's status
   * @param error its error when it failed
   * @param outcome the workflow's outcome ({@code MIGRATED}, {@code ROLLED_BACK}...), or the error
   * @param asExpected it ended where it had to (the fault's documented end, else MIGRATED), blue is
   *     untouched, the fault really happened, and no request failed but those the fault demands
   * @param expected where it had to end, in words
   * @param problems each way it did not end as expected, in words (empty: as expected)
   * @param path every state entered, in order
   * @param unexpectedFailures requests that failed and were not the injected fault's
   * @param routedTo the distribution the hostname routes to at the end
   * @param liveWrites objects the application wrote to blue during the dual run
   * @param liveWritesOnGreen how many of them were on green when the run ended
   * @param throttled S3 calls answered SlowDown (the s3-throttling fault)
   * @param engineRestarts times the engine was stopped and started again from its journal
   */
  public record Result(
      String status,
      Optional<String> error,
      String outcome,
      boolean asExpected,
      String expected,
      List<String> problems,
      RehearsalSummary summary,
      List<String> path,
      List<TrafficGenerator.Failure> unexpectedFailures,
      Optional<String> routedTo,
      int liveWrites,
      int liveWritesOnGreen,
      long throttled,
      int engineRestarts,
      Optional<Duration> cutoverTime,
      Optional<Duration> rollbackTime,
      Path reportDirectory) {}

  private final Options options;
  private final PrintWriter out;
  private final Approver approver;
  private final long startNanos = System.nanoTime();
  private final Clock wall = Clock.systemUTC();
  private final Map<String, Instant> events = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> lastResults = new ConcurrentHashMap<>();
  private final AtomicReference<JsonNode> listingVerify = new AtomicReference<>();
  private final AtomicBoolean approvalAsked = new AtomicBoolean();
  private final AtomicInteger engineRestarts = new AtomicInteger();
  private final AtomicInteger watches = new AtomicInteger();
  private final List<String> injected = new CopyOnWriteArrayList<>();

  private RehearsalRun(Options options, PrintWriter out, Approver approver) {
    this.options = options;
    this.out = out;
    this.approver = approver;
  }

  /** Runs a rehearsal to its end; {@code out} gets plain progress lines as things happen. */
  public static Result run(Options options, PrintWriter out, Approver approver) throws InterruptedException {
    return new RehearsalRun(options, out, approver).run();
  }

  private Result run() throws InterruptedException {
    Optional<Fault> fault = options.fault();
    say("Rehearsing a migration of " + options.objects() + " objects under " + options.requestsPerSecond() + " requests/s"
        + fault.map(f -> ", with the fault " + f.option() + " (" + f.what() + ")").orElse("") + ".");
    say("Workflow time runs " + fmt(options.speed()) + "x the wall clock: its waits, deploys and the bake pass in seconds.");
    ScaledClock clock = new ScaledClock(options.speed());
    Path state;
    try {
      Files.createDirectories(options.reportDirectory());
      state = Files.createTempDirectory("cutover-rehearsal-state");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + options.reportDirectory() + ": " + e.getMessage(), e);
    }
    say("Starting the local world: embedded S3, Batch Operations, edge, DNS zone, Step Functions endpoint ...");
    LocalDeployment.Settings settings = LocalDeployment.Settings.of(clock).withStateDirectory(state)
        .withGreenCompressing(fault.orElse(null) != Fault.PARITY_DRIFT);
    try (LocalDeployment deployment = LocalDeployment.start(settings)) {
      return rehearse(deployment);
    } finally {
      deleteTree(state);
    }
  }

  private Result rehearse(LocalDeployment d) throws InterruptedException {
    RehearsalPlan plan = d.plan();
    Optional<Fault> fault = options.fault();
    S3Client s3 = d.world().admin();
    say("Up. Step Functions: " + d.stepFunctions() + "  S3: " + d.world().s3().endpoint() + "  edge: " + d.edge().endpoint());

    AssetSet assets = AssetSet.of(plan.prefix(), options.objects(), options.seed());
    Bar seeding = new Bar("Seeding blue (s3://" + plan.blueBucket() + "/" + plan.prefix() + ")", assets.assets().size());
    assets.write(s3, plan.blueBucket(), 8, seeding::update);
    seeding.done();
    say("Taking blue's fingerprint (every version, every byte), to prove at the end that nothing in it was touched ...");
    BucketSnapshot blueBefore = BucketSnapshot.take(s3, plan.blueBucket());

    List<String> keys = new ArrayList<>(assets.assets().stream().map(AssetSet.Asset::key).toList());
    java.util.Collections.shuffle(keys, new java.util.Random(options.seed()));
    TrafficGenerator traffic = d.users(keys, options.seed());
    ScheduledExecutorService background = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "rehearsal");
      t.setDaemon(true);
      return t;
    });
    LiveWriter writer = new LiveWriter(s3, plan.blueBucket(), plan.prefix() + "live/");
    try {
      say("Users were here before the run: requests to " + plan.hostname() + ", for the log scan to rank ...");
      int warmup = d.warmUp(traffic, options.objects());
      say("  " + warmup + " requests answered.");
      background.scheduleWithFixedDelay(() -> d.edge().flushLogs(), 2, 2, TimeUnit.SECONDS);
      traffic.start(options.requestsPerSecond());
      say("Users are on blue: " + options.requestsPerSecond() + " requests/s to http://" + plan.hostname() + "/ through the local edge, for the whole run.");
      background.scheduleWithFixedDelay(writer::writeOne, 0, 300, TimeUnit.MILLISECONDS);
      say("The application writes a new object to blue every 0.3 s during the dual run (live replication must carry them).");

      hookSteps(d, fault, writer);
      if (fault.orElse(null) == Fault.S3_THROTTLING) {
        d.world().batch().faults().throttle(0.05);
        d.world().s3().throttleAssumedRoles(0.02);
        injected.add("S3 answers SlowDown to 5% of Batch Operations calls and 2% of the steps' calls until the approval");
      }
      if (fault.orElse(null) == Fault.BACKFILL_TASKS_FAILING) {
        for (String key : keys.subList(0, Math.min(3, keys.size()))) {
          d.world().batch().faults().failKey(plan.blueBucket(), key);
        }
        injected.add("the backfill cannot read " + Math.min(3, keys.size()) + " of blue's objects (AccessDenied)");
      }
      if (fault.orElse(null) == Fault.PARITY_DRIFT) {
        injected.add("green's distribution was created without compression");
      }

      // A person at the prompt gets a day of workflow time; the approval-timeout fault, five minutes.
      int approvalTimeout = fault.orElse(null) == Fault.APPROVAL_TIMEOUT ? 300 : options.autoApprove() ? plan.approvalTimeoutSeconds() : 86_400;
      String input = plan.withApprovalTimeout(approvalTimeout).json("MIGRATE").toString();
      SfnClient sfn = d.sfn();
      String name = "rehearsal-" + wall.instant().getEpochSecond();
      String execution = sfn.startExecution(r -> r.stateMachineArn(d.stateMachineArn()).name(name).input(input)).executionArn();
      events.put("started", wall.instant());
      say("Started " + execution);

      List<String> path = new ArrayList<>();
      DescribeExecutionResponse end = follow(d, execution, path);
      events.put("ended", wall.instant());
      say("The run ended " + end.status() + (end.error() == null ? "" : " " + end.error()) + ". Traffic goes on two more seconds ...");
      Thread.sleep(2_000);
      traffic.close();
      writer.stop();
      background.shutdownNow();
      d.edge().flushLogs();
      return finish(d, end, path, blueBefore, traffic, writer);
    } finally {
      traffic.close();
      background.shutdownNow();
    }
  }

  /** Where each fault goes in, and what the run watches for its progress lines. */
  private void hookSteps(LocalDeployment d, Optional<Fault> fault, LiveWriter writer) {
    RehearsalPlan plan = d.plan();
    AtomicBoolean verifying = new AtomicBoolean();
    AtomicBoolean watching = new AtomicBoolean();
    AtomicBoolean killed = new AtomicBoolean();
    d.world().functions().beforeInvocation((function, payload) -> {
      String action = payload.path("action").asText("");
      if (function.equals("cutover-verify") && verifying.compareAndSet(false, true)) {
        // New writes keep replicating in AWS while verify lists; here the application stops first
        // and replication catches up, so the listing comparison sees no object in flight.
        writer.stop();
        long pending = d.world().replication().pending();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (d.world().replication().pending() > 0 && System.nanoTime() < deadline) {
          LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        say("The application stopped writing (" + writer.written() + " new objects in blue, " + d.world().replication().copied()
            + " copied by live replication" + (pending > 0 ? ", the last " + pending + " waited for" : "") + ").");
        faultBeforeVerify(d, fault, plan);
      }
      if (function.equals("cutover-cutover") && action.equals("RECORD")) {
        events.putIfAbsent("cutover started", wall.instant());
      }
      if (function.equals("cutover-watch") && watching.compareAndSet(false, true) && fault.orElse(null) == Fault.GREEN_5XX) {
        d.edge().fault(LocalDeployment.GREEN_DISTRIBUTION, 503, 0.5);
        events.put("green 5xx injected", wall.instant());
        injected.add("green's distribution answers 503 to half its requests from the bake on");
        say("FAULT: green's distribution now answers 503 to half its requests.");
      }
      if (function.equals("cutover-rollback") && action.equals("DETACH_GREEN")) {
        events.putIfAbsent("rollback started", wall.instant());
      }
    });
    d.world().functions().onInvocation(call -> {
      call.result().ifPresent(result -> lastResults.put(call.function() + "/" + call.payload().path("action").asText(""), result));
      String action = call.payload().path("action").asText("");
      switch (call.function()) {
        case "cutover-backfill" -> {
          if (action.equals("DESCRIBE")) {
            call.result().ifPresent(r -> say(String.format(Locale.ROOT, "  backfill  %s %d/%d tasks, %d failed (%s)",
                bar(r.path("succeededTasks").asLong() + r.path("failedTasks").asLong(), r.path("totalTasks").asLong()),
                r.path("succeededTasks").asLong() + r.path("failedTasks").asLong(), r.path("totalTasks").asLong(), r.path("failedTasks").asLong(),
                r.path("jobStatus").asText())));
            if (fault.orElse(null) == Fault.ENGINE_KILLED && killed.compareAndSet(false, true)) {
              Thread restart = new Thread(() -> {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                say("FAULT: the workflow engine is stopped mid-run ...");
                d.restartEngine();
                engineRestarts.incrementAndGet();
                events.put("engine restarted", wall.instant());
                say("The engine started again from its journal and resumes the run.");
              }, "engine-killer");
              restart.start();
              injected.add("the engine was stopped while the backfill ran and started again from its journal");
            }
          }
        }
        case "cutover-verify" -> call.result().ifPresent(r -> {
          if (!call.payload().has("keysFrom")) {
            listingVerify.set(r);
            long total = Math.max(r.path("sourceObjects").asLong(), r.path("objectsCompared").asLong());
            say(String.format(Locale.ROOT, "  verify    %s %d objects compared, %d mismatched%s", bar(r.path("objectsCompared").asLong(), total),
                r.path("objectsCompared").asLong(), r.path("mismatchedObjects").asLong(), r.path("complete").asBoolean() ? "" : " (resumes)"));
          } else {
            say("  verify    the requested keys: " + r.path("objectsCompared").asLong() + " compared, " + r.path("mismatchedObjects").asLong() + " mismatched");
          }
        });
        case "cutover-report" -> call.result().ifPresent(r -> say("  report    " + r.path("verdict").asText() + reasons(r)));
        case "cutover-request-approval" -> approvalAsked.set(true);
        case "cutover-cutover" -> {
          if (action.equals("ATTACH_GREEN")) {
            events.putIfAbsent("alias moved to green", wall.instant());
          }
        }
        case "cutover-watch" -> call.result().ifPresent(r -> {
          int n = watches.incrementAndGet();
          boolean healthy = r.path("healthy").asBoolean(true);
          if (n == 1 || !healthy || n % 5 == 0) {
            say("  watch #" + n + "  green " + (healthy ? "healthy" : "UNHEALTHY") + reasons(r));
          }
        });
        default -> {
          // nothing to say
        }
      }
    });
  }

  private void faultBeforeVerify(LocalDeployment d, Optional<Fault> fault, RehearsalPlan plan) {
    S3Client s3 = d.world().admin();
    if (fault.orElse(null) == Fault.MISSING_OBJECT) {
      String key = plan.prefix() + "index.html";
      s3.deleteObject(r -> r.bucket(plan.greenBucket()).key(key));
      injected.add("s3://" + plan.greenBucket() + "/" + key + " deleted from green after the backfill");
      say("FAULT: " + key + " deleted from green.");
    }
    if (fault.orElse(null) == Fault.METADATA_DRIFT) {
      String key = plan.prefix() + "index.html";
      var head = s3.headObject(r -> r.bucket(plan.greenBucket()).key(key));
      s3.copyObject(r -> r.sourceBucket(plan.greenBucket()).sourceKey(key).destinationBucket(plan.greenBucket()).destinationKey(key)
          .metadataDirective(MetadataDirective.REPLACE).contentType(head.contentType()).metadata(head.metadata()).cacheControl("no-store"));
      injected.add("s3://" + plan.greenBucket() + "/" + key + " rewritten on green with Cache-Control: no-store");
      say("FAULT: " + key + " on green now says Cache-Control: no-store.");
    }
  }

  /** Follows the execution to its end, printing each state as it is entered and deciding the approval. */
  private DescribeExecutionResponse follow(LocalDeployment d, String execution, List<String> path) throws InterruptedException {
    SfnClient sfn = d.sfn();
    Set<String> said = new java.util.HashSet<>();
    boolean decided = false;
    long failingSince = 0;
    while (true) {
      DescribeExecutionResponse now;
      List<HistoryEvent> history;
      try {
        now = sfn.describeExecution(r -> r.executionArn(execution));
        history = history(sfn, execution);
        failingSince = 0;
      } catch (SdkException e) {
        // The engine may be restarting (the engine-killed fault): ask again, for a while.
        failingSince = failingSince == 0 ? System.nanoTime() : failingSince;
        if (System.nanoTime() - failingSince > Duration.ofSeconds(60).toNanos()) {
          throw new IllegalStateException("the local Step Functions endpoint has not answered for 60 s: " + e.getMessage(), e);
        }
        Thread.sleep(200);
        continue;
      }
      List<HistoryEvent> entered = history.stream().filter(e -> e.stateEnteredEventDetails() != null).toList();
      for (HistoryEvent e : entered.subList(path.size(), entered.size())) {
        String state = e.stateEnteredEventDetails().name();
        path.add(state);
        String type = e.typeAsString().replace("StateEntered", "");
        if (!QUIET_STATES.contains(type) && said.add(state)) {
          say("> " + state);
        }
      }
      if (events.containsKey("rollback started") && !events.containsKey("alias back on blue")
          && d.edge().routeOf(d.plan().hostname()).equals(Optional.of(LocalDeployment.BLUE_DISTRIBUTION))) {
        events.put("alias back on blue", wall.instant());
        say("The edge routes " + d.plan().hostname() + " to blue again.");
      }
      if (now.status() != ExecutionStatus.RUNNING) {
        return now;
      }
      if (approvalAsked.get() && !decided) {
        decided = true;
        decide(d, execution);
      }
      Thread.sleep(150);
    }
  }

  /** The whole history of {@code execution}, every page of it. */
  public static List<HistoryEvent> history(SfnClient sfn, String execution) {
    List<HistoryEvent> events = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      GetExecutionHistoryResponse page = sfn.getExecutionHistory(r -> r.executionArn(execution).maxResults(1000).nextToken(t));
      events.addAll(page.events());
      token = page.nextToken();
    } while (token != null);
    return events;
  }

  private void decide(LocalDeployment d, String execution) throws InterruptedException {
    Optional<Fault> fault = options.fault();
    if (fault.orElse(null) == Fault.S3_THROTTLING) {
      d.world().batch().faults().throttle(0);
      d.world().s3().throttleAssumedRoles(0);
    }
    JsonNode report = lastResults.get("cutover-report/");
    Optional<Path> html = Optional.empty();
    if (report != null) {
      html = download(d, report.path("html").asText(), "report.html");
      download(d, report.path("json").asText(), "report.json");
    }
    ApprovalRequest request = new ApprovalRequest(execution, report == null ? "?" : report.path("verdict").asText(),
        report == null ? List.of() : stringList(report.path("reasons")), html, approvalSummary(d));
    say("The workflow asks for approval. The report" + html.map(p -> " (" + p + ")").orElse("") + " says " + request.verdict() + ":");
    request.summary().forEach(line -> say("    " + line));
    Answer answer;
    if (fault.orElse(null) == Fault.APPROVAL_REJECTED) {
      answer = Answer.reject("Rehearsal fault approval-rejected: the approver says no.");
      injected.add("the approver rejected the cutover");
    } else if (fault.orElse(null) == Fault.APPROVAL_TIMEOUT) {
      answer = Answer.none();
      injected.add("nobody decided; the approval times out after 300 s of workflow time");
    } else if (options.autoApprove()) {
      answer = Answer.approve();
    } else {
      answer = approver.decide(request);
    }
    Decision decision = answer.decision();
    if (decision == Decision.NONE) {
      say("Nobody decides: the approval will time out.");
      return;
    }
    try {
      HttpResponse<String> reply = d.decide(execution, decision.name(), answer.reason());
      if (reply.statusCode() != 200) {
        say("The decide URL refused the " + decision.name().toLowerCase(Locale.ROOT) + " (" + reply.statusCode() + "): " + reply.body());
        return;
      }
    } catch (IOException e) {
      say("Could not reach the decide URL: " + e.getMessage());
      return;
    }
    events.put(decision == Decision.APPROVE ? "approved" : "rejected", wall.instant());
    say((decision == Decision.APPROVE ? "Approved" : "Rejected") + " as " + d.plan().approver()
        + (fault.orElse(null) == Fault.APPROVAL_REJECTED ? " (the fault)" : options.autoApprove() ? " (--auto-approve)" : "") + ".");
  }

  private List<String> approvalSummary(LocalDeployment d) {
    List<String> lines = new ArrayList<>();
    JsonNode verify = listingVerify.get();
    if (verify != null) {
      lines.add("objects: " + verify.path("objectsCompared").asLong() + " compared, " + verify.path("mismatchedObjects").asLong() + " mismatched, "
          + verify.path("counts").path("contentUnverified").asLong() + " content unverified");
    }
    JsonNode backfill = lastResults.get("cutover-backfill/DESCRIBE");
    if (backfill != null) {
      lines.add("backfill: " + backfill.path("succeededTasks").asLong() + " copied, " + backfill.path("failedTasks").asLong() + " failed");
    }
    JsonNode parity = lastResults.get("cutover-parity/");
    if (parity != null) {
      lines.add("edge parity: " + parityFindings(parity) + " findings");
    }
    JsonNode logscan = lastResults.get("cutover-logscan/");
    if (logscan != null) {
      lines.add("traffic: " + logscan.path("keys").asLong() + " requested keys ranked from " + logscan.path("requests").asLong() + " logged requests");
    }
    costUsd().ifPresent(cost -> lines.add(String.format(Locale.ROOT, "cost in AWS: $%.4f", cost)));
    lines.add("if approved: " + d.plan().hostname() + " moves from " + LocalDeployment.BLUE_DISTRIBUTION + " (blue) to "
        + LocalDeployment.GREEN_DISTRIBUTION + " (green), then a " + d.plan().bakeSeconds() + " s bake watches green");
    return lines;
  }

  private Result finish(LocalDeployment d, DescribeExecutionResponse end, List<String> path, BucketSnapshot blueBefore, TrafficGenerator traffic,
      LiveWriter writer) {
    RehearsalPlan plan = d.plan();
    Optional<Fault> fault = options.fault();
    S3Client s3 = d.world().admin();
    say("Checking blue against its fingerprint ...");
    List<String> blueChanges = blueBefore.changesTo(BucketSnapshot.take(s3, plan.blueBucket()));
    String outcome = outcomeOf(end);
    Optional<String> routed = d.edge().routeOf(plan.hostname());

    List<TrafficGenerator.Failure> failures = traffic.failures();
    Instant faultFrom = events.get("green 5xx injected");
    List<TrafficGenerator.Failure> unexpected = failures.stream()
        .filter(f -> !(fault.orElse(null) == Fault.GREEN_5XX && faultFrom != null && "green".equals(f.servedBy()) && f.status() >= 500))
        .toList();
    int onGreen = writer.countOn(s3, plan.greenBucket());

    List<String> problems = new ArrayList<>();
    String expectedStatus = fault.map(Fault::status).orElse("SUCCEEDED");
    Optional<String> expectedError = fault.flatMap(Fault::error);
    if (!end.statusAsString().equals(expectedStatus) || !Optional.ofNullable(end.error()).equals(expectedError)) {
      problems.add("ended " + end.statusAsString() + Optional.ofNullable(end.error()).map(e -> " " + e).orElse("") + ", not "
          + expectedStatus + expectedError.map(e -> " " + e).orElse(""));
    }
    boolean greenAtTheEnd = expectedStatus.equals("SUCCEEDED");
    String expectedRoute = greenAtTheEnd ? LocalDeployment.GREEN_DISTRIBUTION : LocalDeployment.BLUE_DISTRIBUTION;
    if (!routed.equals(Optional.of(expectedRoute))) {
      problems.add(plan.hostname() + " routes to " + routed.orElse("nothing") + ", not " + d.sideOf(expectedRoute));
    }
    if (greenAtTheEnd && !outcome.equals("MIGRATED")) {
      problems.add("the outcome is " + outcome + ", not MIGRATED");
    }
    if (!blueChanges.isEmpty()) {
      problems.add(blueChanges.size() + " of blue's objects changed: " + blueChanges.subList(0, Math.min(3, blueChanges.size())));
    }
    if (!unexpected.isEmpty()) {
      problems.add(unexpected.size() + " requests failed: " + TrafficGenerator.describe(unexpected.get(0)));
    }
    if (fault.orElse(null) == Fault.GREEN_5XX) {
      Instant back = events.get("alias back on blue");
      // A request sent just before the edge switched may still be answered by green.
      long afterRollback = back == null ? 0 : failures.stream().filter(f -> f.at().isAfter(back.plusMillis(500))).count();
      if (back == null) {
        problems.add("the edge never routed the hostname back to blue");
      }
      if (afterRollback > 0) {
        problems.add(afterRollback + " requests failed after the alias was back on blue");
      }
    }
    if (onGreen < writer.written() && greenAtTheEnd) {
      problems.add("live replication carried " + onGreen + " of the " + writer.written() + " objects written to blue during the dual run");
    }
    long throttled = d.world().batch().faults().throttledCalls() + d.world().s3().throttledRequests();
    if (fault.orElse(null) == Fault.S3_THROTTLING && throttled == 0) {
      problems.add("no S3 call was throttled: the fault did not happen");
    }
    if (fault.orElse(null) == Fault.APPROVAL_REJECTED && !events.containsKey("rejected")) {
      problems.add("the rejection was never recorded: the run ended some other way");
    }
    if (fault.orElse(null) == Fault.APPROVAL_TIMEOUT && (events.containsKey("rejected") || events.containsKey("approved"))) {
      problems.add("a decision was posted: the approval did not time out");
    }
    if (fault.isEmpty() && !events.containsKey("approved")) {
      problems.add("the approval was never recorded");
    }
    if (fault.orElse(null) == Fault.ENGINE_KILLED && engineRestarts.get() == 0) {
      problems.add("the engine was never stopped: the fault did not happen");
    }

    JsonNode verify = listingVerify.get();
    JsonNode checksum = lastResults.get("cutover-checksum/COMPARE");
    long verified = verify == null ? 0 : Math.max(0, verify.path("objectsCompared").asLong() - verify.path("mismatchedObjects").asLong()
        - verify.path("counts").path("contentUnverified").asLong() + (checksum == null ? 0 : checksum.path("verifiedEqual").asLong()));
    JsonNode parity = lastResults.get("cutover-parity/");
    Map<String, Instant> marks = new LinkedHashMap<>(events);
    Instant allGreen = traffic.allGreenSince();
    if (allGreen != null) {
      marks.put("100% on green", allGreen);
    }
    marks.remove("started");
    marks.remove("ended");
    RehearsalSummary summary = new RehearsalSummary(
        end.statusAsString() + (end.error() == null ? "" : " " + end.error()) + " (" + outcome + ")",
        fault.map(Fault::option),
        options.objects(),
        countUnder(s3, plan.greenBucket(), plan.prefix()),
        verified,
        verify == null ? 0 : verify.path("mismatchedObjects").asLong(),
        parity == null ? 0 : parityFindings(parity),
        costUsd(),
        traffic.perSecond(),
        traffic.servedBy(),
        failures,
        marks,
        blueChanges,
        Duration.ofNanos(System.nanoTime() - startNanos));
    JsonNode report = lastResults.get("cutover-report/");
    if (report != null) {
      download(d, report.path("html").asText(), "report.html");
      download(d, report.path("json").asText(), "report.json");
    }
    write(options.reportDirectory().resolve("rehearsal.html"), RehearsalPage.render(summary));
    Optional<Duration> cutoverTime = Optional.ofNullable(events.get("approved")).flatMap(a ->
        Optional.ofNullable(allGreen).map(g -> Duration.between(a, g))).filter(x -> !x.isNegative());
    Optional<Duration> rollbackTime = Optional.ofNullable(events.get("rollback started")).flatMap(a ->
        Optional.ofNullable(events.get("alias back on blue")).map(b -> Duration.between(a, b)));
    Result result = new Result(end.statusAsString(), Optional.ofNullable(end.error()), outcome, problems.isEmpty(),
        fault.map(Fault::ends).orElse("the hostname on green (MIGRATED), every request answered, blue untouched"), problems, summary, path,
        unexpected, routed.map(d::sideOf), writer.written(), onGreen, throttled, engineRestarts.get(), cutoverTime, rollbackTime,
        options.reportDirectory());
    writeJson(result);

    say("");
    summary.lines().forEach(this::say);
    if (writer.written() > 0) {
      say("Live writes:        " + writer.written() + " written to blue during the dual run, " + onGreen + " on green");
    }
    injected.forEach(i -> say("Fault injected:     " + i));
    say("Expected:           " + result.expected());
    say(problems.isEmpty() ? "As expected." : "NOT as expected:");
    problems.forEach(p -> say("  - " + p));
    say("Reports:            " + options.reportDirectory().resolve("rehearsal.html")
        + (report != null ? ", " + options.reportDirectory().resolve("report.html") : ""));
    return result;
  }

  private static int parityFindings(JsonNode parity) {
    return parity.path("configFindings").size() + parity.path("probeFindings").size();
  }

  /** Preflight's estimate of what the migration costs in AWS, if it made one. */
  private Optional<Double> costUsd() {
    JsonNode total = Optional.ofNullable(lastResults.get("cutover-preflight/")).map(p -> p.path("estimate").path("costUsd").path("total"))
        .orElse(null);
    return total == null || !total.isNumber() ? Optional.empty() : Optional.of(total.asDouble());
  }

  private static String outcomeOf(DescribeExecutionResponse end) {
    if (end.output() != null) {
      try {
        JsonNode output = JSON.readTree(end.output());
        if (output.hasNonNull("outcome")) {
          return output.get("outcome").asText();
        }
      } catch (IOException e) {
        // fall through to the status
      }
    }
    return switch (Optional.ofNullable(end.error()).orElse("")) {
      case "cutover.NotReady" -> "NOT_READY";
      case "cutover.NotApproved" -> "NOT_APPROVED";
      case "cutover.RolledBack" -> "ROLLED_BACK";
      case "cutover.RollbackFailed" -> "ROLLBACK_FAILED";
      case "cutover.Stopped" -> "STOPPED";
      default -> end.statusAsString();
    };
  }

  private void writeJson(Result r) {
    var node = JSON.createObjectNode();
    node.put("status", r.status());
    node.put("error", r.error().orElse(null));
    node.put("outcome", r.outcome());
    node.put("asExpected", r.asExpected());
    node.put("expected", r.expected());
    node.set("problems", JSON.valueToTree(r.problems()));
    node.put("fault", options.fault().map(Fault::option).orElse(null));
    node.put("objects", options.objects());
    node.put("objectsMigrated", r.summary().objectsMigrated());
    node.put("objectsVerified", r.summary().objectsVerified());
    node.set("servedBy", JSON.valueToTree(r.summary().servedBy()));
    node.put("failedRequests", r.summary().failures().size());
    node.put("unexpectedFailedRequests", r.unexpectedFailures().size());
    node.put("blueUntouched", r.summary().blueUntouched().isEmpty());
    node.put("liveWrites", r.liveWrites());
    node.put("liveWritesOnGreen", r.liveWritesOnGreen());
    node.put("wallSeconds", r.summary().wallTime().toMillis() / 1000.0);
    r.cutoverTime().ifPresent(t -> node.put("approvalToAllGreenSeconds", t.toMillis() / 1000.0));
    r.rollbackTime().ifPresent(t -> node.put("rollbackSeconds", t.toMillis() / 1000.0));
    node.set("path", JSON.valueToTree(r.path()));
    write(options.reportDirectory().resolve("rehearsal.json"), node.toPrettyString());
  }

  private static long countUnder(S3Client s3, String bucket, String prefix) {
    return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream().count();
  }

  private Optional<Path> download(LocalDeployment d, String s3Uri, String name) {
    if (s3Uri == null || !s3Uri.startsWith("s3://")) {
      return Optional.empty();
    }
    URI uri = URI.create(s3Uri.replace(" ", "%20"));
    String bucket = uri.getHost();
    String key = s3Uri.substring(("s3://" + bucket + "/").length());
    Path target = options.reportDirectory().resolve(name);
    try {
      byte[] bytes = d.world().admin().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
      Files.write(target, bytes);
      return Optional.of(target);
    } catch (IOException | SdkException e) {
      say("Could not fetch " + s3Uri + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private static void write(Path path, String text) {
    try {
      Files.writeString(path, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  private static String reasons(JsonNode result) {
    List<String> reasons = stringList(result.path("reasons"));
    return reasons.isEmpty() ? "" : ": " + String.join("; ", reasons);
  }

  private static List<String> stringList(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.toString()));
    return out;
  }

  private synchronized void say(String line) {
    out.println(line.isEmpty() ? "" : String.format(Locale.ROOT, "[%6.1fs] %s", (System.nanoTime() - startNanos) / 1e9, line));
    out.flush();
  }

  private static String fmt(double speed) {
    return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
  }

  static String bar(long done, long total) {
    int width = 20;
    int filled = total <= 0 ? 0 : (int) Math.min(width, done * width / total);
    return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
  }

  /** A progress line printed at every tenth of the way. */
  private final class Bar {
    private final String what;
    private final int total;
    private final AtomicInteger lastTenth = new AtomicInteger(-1);

    Bar(String what, int total) {
      this.what = what;
      this.total = total;
    }

    void update(int done) {
      int tenth = total == 0 ? 10 : done * 10 / total;
      int last = lastTenth.get();
      if (tenth > last && lastTenth.compareAndSet(last, tenth)) {
        say(what + " " + bar(done, total) + " " + done + "/" + total);
      }
    }

    void done() {
      update(total);
    }
  }

  private static void deleteTree(Path root) {
    try (var files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  /**
   * The application during the dual run: writes new objects (never one blue already holds) until
   * stopped; live replication must carry each to green.
   */
  static final class LiveWriter {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final AtomicInteger written = new AtomicInteger();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    LiveWriter(S3Client s3, String bucket, String prefix) {
      this.s3 = s3;
      this.bucket = bucket;
      this.prefix = prefix;
    }

    synchronized void writeOne() {
      if (stopped) {
        return;
      }
      int n = written.get() + 1;
      String key = prefix + String.format(Locale.ROOT, "order-%05d.json", n);
      try {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/json").cacheControl("no-cache"),
            RequestBody.fromString("{\"order\":" + n + "}"));
        keys.add(key);
        written.incrementAndGet();
      } catch (SdkException e) {
        // a write the application could not make is not one replication owes
      }
    }

    /** Stops writing; returns once no write is in progress. */
    synchronized void stop() {
      stopped = true;
    }

    int written() {
      return written.get();
    }

    int countOn(S3Client s3, String other) {
      int on = 0;
      for (String key : keys) {
        try {
          s3.headObject(r -> r.bucket(other).key(key));
          on++;
        } catch (SdkException e) {
          // not there
        }
      }
      return on;
    }
  }
}
