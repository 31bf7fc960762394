package dev.cutover.cli.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.asl.engine.ScaledClock;
import dev.cutover.local.rehearsal.AssetSet;
import dev.cutover.local.rehearsal.LocalDeployment;
import dev.cutover.local.rehearsal.LocalWorld;
import dev.cutover.local.rehearsal.RehearsalPlan;
import dev.cutover.local.rehearsal.TrafficGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * {@code cutover serve} over the local runtime: a {@link LocalDeployment} (the embedded S3 with
 * blue, green and the report bucket, the local edge and DNS zone, every step in process, the
 * local Step Functions endpoint with the workflow, the approval and the decide URL) kept up until
 * stopped, for driving with the other commands or the AWS CLI.
 *
 * <p>What it adds to the deployment: workflow time on a {@link ScaledClock} at {@value #SPEED}
 * times the wall clock (waits, deploys and the bake pass in seconds); blue seeded with an asset
 * set when it is empty; users requesting the hostname through the edge (a burst, then {@value
 * #USERS_PER_SECOND} a second), so the log scan has requests to rank; the example execution inputs ({@code migrate.json}, {@code validate-only.json}) written to
 * the state directory; the edge's logs flushed every second; and the clock saved there, so that
 * after a restart workflow time goes on from where it was rather than back to the wall clock.
 *
 * <p>What survives a restart is what the endpoint journals in the state directory: the state
 * machine and every execution with its history. The embedded S3's buckets, the edge and the DNS
 * zone live in temporary directories and memory and start fresh each time; the printed notes say
 * so.
 */
public final class LocalDeploymentServer implements LocalServer, AutoCloseable {

  /** How much faster than the wall clock workflow time runs. */
  static final double SPEED = 50;

  /** The approval's timeout in the written plan: a day of workflow time, about half an hour of wall time. */
  static final int APPROVAL_TIMEOUT_SECONDS = 86_400;

  /** The access key id the decide URL takes as the plan's approver (signatures are not checked locally). */
  static final String APPROVER_ACCESS_KEY = LocalDeployment.APPROVER_ACCESS_KEY;

  /** Requests a second that users send to the hostname while serving. */
  static final int USERS_PER_SECOND = 2;

  private static final String CLOCK_FILE = "clock";
  private static final long SAVE_PERIOD_MILLIS = 1_000;

  private final int objects;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private LocalDeployment deployment;
  private ScheduledExecutorService background;
  private TrafficGenerator users;
  private ScaledClock clock;
  private Path stateDirectory;
  private Thread shutdownHook;

  /** Seeds an empty blue with 200 assets: what {@link java.util.ServiceLoader} builds for {@code cutover serve}. */
  public LocalDeploymentServer() {
    this(200);
  }

  /** For tests: seeds an empty blue with {@code objects} assets (at least the twelve fixed ones). */
  LocalDeploymentServer(int objects) {
    this.objects = objects;
  }

  @Override
  public synchronized Endpoints start(Options options) {
    if (deployment != null) {
      throw new IllegalStateException("this server is already started");
    }
    if (options.port() != 0) {
      // A taken port is found before the embedded S3 spends seconds starting (LocalDeployment binds it last).
      try {
        new ServerSocket(options.port(), 1, InetAddress.getLoopbackAddress()).close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot bind 127.0.0.1:" + options.port() + ": " + e.getMessage(), e);
      }
    }
    stateDirectory = options.stateDirectory().toAbsolutePath();
    try {
      Files.createDirectories(stateDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the state directory " + stateDirectory + ": " + e.getMessage(), e);
    }
    Instant origin = resumeFrom(stateDirectory.resolve(CLOCK_FILE));
    clock = new ScaledClock(origin, SPEED, System::nanoTime);
    deployment = LocalDeployment.start(LocalDeployment.Settings.of(clock).withStateDirectory(stateDirectory).withEndpointPort(options.port()));
    try {
      shutdownHook = new Thread(this::close, "cutover-serve-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      RehearsalPlan plan = deployment.plan();
      List<String> notes = new ArrayList<>();
      resumedRuns(origin).ifPresent(notes::add);
      notes.add("Blue is s3://" + plan.blueBucket() + "/" + plan.prefix() + ", served as " + plan.hostname() + " by the local edge at "
          + deployment.edge().endpoint() + " (send Host: " + plan.hostname() + "); green is s3://" + plan.greenBucket() + ".");
      notes.add(String.format(Locale.ROOT, "Workflow time runs %.0fx the wall clock: the plan's waits, the distribution deploys and the"
          + " 10-minute bake pass in seconds, and execution timestamps run ahead of this machine's clock. The example plans give"
          + " the approval one day of workflow time (about %d minutes).", SPEED, Math.round(APPROVAL_TIMEOUT_SECONDS / SPEED / 60)));
      notes.add(seed());
      notes.add(users());
      Path migrate = writePlan("migrate.json", "MIGRATE");
      Path validate = writePlan("validate-only.json", "VALIDATE_ONLY");
      notes.add("Start a migration: cutover start --input " + migrate + "  (a dry run without approval: --input " + validate + ")");
      notes.add("approve/reject sign as the access key id exported here, " + APPROVER_ACCESS_KEY + ", which the local decide URL maps"
          + " to the plan's approver (" + plan.approver() + "); any other key id is user/KEY, not an approver. AWS_PROFILE,"
          + " if set, wins over these keys: unset it in this shell.");
      notes.add("Kept in " + stateDirectory + ": the state machine and every execution with its history; they survive a restart."
          + " NOT kept: the embedded S3's buckets (blue, green, reports), the edge and the DNS zone start fresh at every start, so"
          + " report --out of an earlier session's run finds nothing there.");
      saveClock();
      background = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cutover-serve");
        t.setDaemon(true);
        return t;
      });
      background.scheduleWithFixedDelay(this::tick, SAVE_PERIOD_MILLIS, SAVE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
      Map<String, String> environment = new LinkedHashMap<>();
      environment.put("AWS_ACCESS_KEY_ID", APPROVER_ACCESS_KEY);
      environment.put("AWS_SECRET_ACCESS_KEY", "local");
      environment.put("AWS_REGION", LocalWorld.REGION);
      return new Endpoints(deployment.stepFunctions(), deployment.world().s3().endpoint(), deployment.decideUrl(),
          deployment.stateMachineArn(), environment, notes);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  /** Stops everything it started (the shutdown hook on Ctrl-C, or a test); {@link #awaitShutdown()} then returns. */
  @Override
  public synchronized void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    try {
      if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
          // the JVM is shutting down: the hook runs anyway and finds this closed
        }
      }
      if (users != null) {
        users.close();
      }
      if (background != null) {
        background.shutdownNow();
      }
      if (deployment != null) {
        saveClock();
        deployment.close();
      }
    } finally {
      stopped.countDown();
    }
  }

  /** The deployment, for tests. */
  LocalDeployment deployment() {
    return deployment;
  }

  /** Seeds blue with the asset set when it holds nothing (the embedded S3 starts empty each time). */
  private String seed() {
    RehearsalPlan plan = deployment.plan();
    S3Client s3 = deployment.world().admin();
    int held = s3.listObjectsV2(r -> r.bucket(plan.blueBucket()).maxKeys(1)).keyCount();
    if (held > 0) {
      return "Blue already holds objects: not seeded.";
    }
    AssetSet.of(plan.prefix(), objects, 1).write(s3, plan.blueBucket(), 8, done -> {});
    return "Blue was seeded with " + objects + " assets (index.html, gzip'd scripts, metadata, tags, odd keys, a multipart"
        + " video, and generated ones).";
  }

  /**
   * Users on blue: a burst of requests to the hostname through the edge before any run, then
   * {@value #USERS_PER_SECOND} a second while serving. The log scan ranks what the edge's standard
   * logs hold in the plan's window (a day before the run starts) and, as in AWS, refuses to pass on
   * a window with no request; the steady trickle keeps that window full however long serve has
   * been up, and gives the bake's watch traffic to measure.
   */
  private String users() {
    RehearsalPlan plan = deployment.plan();
    List<String> keys = deployment.world().admin().listObjectsV2Paginator(r -> r.bucket(plan.blueBucket()).prefix(plan.prefix()))
        .contents().stream().limit(1_000).map(o -> o.key()).toList();
    if (keys.isEmpty()) {
      return "Blue holds nothing under " + plan.prefix() + ": no users were sent, so the log scan will find no request.";
    }
    users = deployment.users(keys, 1);
    int burst;
    try {
      burst = deployment.warmUp(users, keys.size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending the users' first requests", e);
    }
    String failed = users.failures().isEmpty() ? ""
        : " (" + users.failures().size() + " failed, e.g. " + TrafficGenerator.describe(users.failures().getFirst()) + ")";
    users.start(USERS_PER_SECOND);
    return "Users: " + burst + " requests to " + plan.hostname() + " through the edge before any run" + failed + ", then "
        + USERS_PER_SECOND + " a second while serving, so the log scan has requests to rank and the bake has traffic to watch.";
  }

  /**
   * Runs from an earlier session that the engine resumed (running when it stopped): the world they
   * ran against is gone. Those that already ended in this session count too, so the note does not
   * depend on how fast they fail.
   */
  private java.util.Optional<String> resumedRuns(Instant origin) {
    List<String> running = deployment.sfn().listExecutionsPaginator(r -> r.stateMachineArn(deployment.stateMachineArn()))
        .executions().stream()
        .filter(e -> e.startDate().isBefore(origin)
            && (e.status() == ExecutionStatus.RUNNING || e.stopDate() != null && !e.stopDate().isBefore(origin)))
        .map(e -> e.name()).toList();
    if (running.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(running.size() + " run(s) from an earlier session resumed (" + String.join(", ", running)
        + "), against this fresh world: their buckets, replication and aliases are gone, so they will likely fail or roll back."
        + " Watch them to their end (or stop them: aws stepfunctions stop-execution) and start a new run.");
  }

  private Path writePlan(String name, String mode) {
    ObjectNode plan = deployment.plan().withApprovalTimeout(APPROVAL_TIMEOUT_SECONDS).json(mode);
    Path file = stateDirectory.resolve(name);
    try {
      Files.writeString(file, plan.toPrettyString() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  private void tick() {
    try {
      deployment.edge().flushLogs();
      saveClock();
    } catch (RuntimeException e) {
      // the next tick tries again; a stopping server closes the edge under it
    }
  }

  /**
   * Where workflow time starts: the wall clock, or, after a restart, later than anything the last
   * session's clock could have stamped (the saved instant plus what one save period runs at {@link
   * #SPEED}), so histories and journaled waits never see time go back.
   */
  static Instant resumeFrom(Path clockFile) {
    Instant now = Instant.now();
    try {
      Instant saved = Instant.parse(Files.readString(clockFile, StandardCharsets.UTF_8).trim())
          .plusMillis((long) (SAVE_PERIOD_MILLIS * SPEED));
      return saved.isAfter(now) ? saved : now;
    } catch (IOException | DateTimeParseException e) {
      return now;
    }
  }

  private synchronized void saveClock() {
    Path file = stateDirectory.resolve(CLOCK_FILE);
    Path temporary = stateDirectory.resolve(CLOCK_FILE + ".tmp");
    try {
      Files.writeString(temporary, clock.instant().toString() + "\n", StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save workflow time to " + file + ": " + e.getMessage(), e);
    }
  }

}
