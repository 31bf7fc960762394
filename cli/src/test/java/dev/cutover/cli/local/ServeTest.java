package dev.cutover.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.cli.CliEnvironment;
import dev.cutover.cli.Cutover;
import dev.cutover.cli.ExitCodes;
import dev.cutover.cli.Sleeper;
import dev.cutover.local.rehearsal.LocalDeployment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover serve} over the real local runtime ({@link LocalDeploymentServer} on a {@link
 * LocalDeployment}): served through the command, then driven only with what it printed — the
 * exported variables and the example plan — by the real commands: start, watch until the approval
 * is asked for, approve through the local decide URL, watch --follow to MIGRATED. Then a restart
 * on the same state directory finds the run again, and names the run it resumed.
 */
class ServeTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir
  Path dir;

  final ExecutorService serving = Executors.newCachedThreadPool();
  LocalDeploymentServer first;
  LocalDeploymentServer second;

  @AfterEach
  void stop() {
    if (first != null) {
      first.close();
    }
    if (second != null) {
      second.close();
    }
    serving.shutdownNow();
  }

  @Test
  void serve_runs_a_migration_driven_by_the_commands_with_what_it_printed_then_keeps_the_run_across_a_restart() throws Exception {
    Path state = dir.resolve("state");
    first = new LocalDeploymentServer(30);
    Served served = serve(first, "serve", "--port", "0", "--state-dir", state.toString(), "--output", "json");
    JsonNode printed = served.firstLine();

    Map<String, String> exported = new HashMap<>();
    printed.path("environment").properties().forEach(e -> exported.put(e.getKey(), e.getValue().asText()));
    assertThat(exported).containsKeys("AWS_ENDPOINT_URL_SFN", "AWS_ENDPOINT_URL_S3", "CUTOVER_DECIDE_URL", "CUTOVER_STATE_MACHINE_ARN",
        "AWS_REGION").containsEntry("AWS_ACCESS_KEY_ID", LocalDeployment.APPROVER_ACCESS_KEY);
    Path plan = state.resolve("migrate.json");
    assertThat(plan).exists();
    assertThat(printed.path("notes").toString()).contains("cutover start --input " + plan, "50x the wall clock",
        "Blue was seeded with 30 assets", "NOT kept: the embedded S3's buckets");
    String machine = exported.get("CUTOVER_STATE_MACHINE_ARN");
    String arn = machine.replace(":stateMachine:", ":execution:") + ":serve-1";

    Result started = cutover(exported, "start", "--input", plan.toString(), "--name", "serve-1");
    assertThat(started.exit()).as(started.toString()).isZero();
    assertThat(started.out()).contains(arn);

    JsonNode waiting = watchUntil(exported, "serve-1", w -> w.path("progress").path("awaitingApproval").asBoolean());
    assertThat(waiting.path("activeStates").toString()).contains("WaitForApproval");
    assertThat(waiting.path("progress").path("verify").path("objectsCompared").asLong()).isEqualTo(30);

    Result approved = cutover(exported, "approve", "serve-1", "--reason", "report read");
    assertThat(approved.exit()).as(approved.toString()).isZero();
    assertThat(approved.out()).contains("Approved " + arn, "Recorded as " + first.deployment().plan().approver());

    Result followed = cutover(exported, "watch", "serve-1", "--follow", "--interval", "1", "--events", "0");
    assertThat(followed.exit()).as(followed.toString()).isZero();
    assertThat(followed.out()).contains("Outcome    SUCCEEDED MIGRATED");
    assertThat(first.deployment().edge().routeOf(first.deployment().plan().hostname())).contains(LocalDeployment.GREEN_DISTRIBUTION);
    Instant ended = first.deployment().sfn().describeExecution(r -> r.executionArn(arn)).stopDate();

    // A second serve on the port the first one holds fails at once, with what to do.
    int port = Integer.parseInt(exported.get("AWS_ENDPOINT_URL_SFN").replaceAll(".*:", ""));
    Result taken = run(environment(Map.of(), new LocalDeploymentServer(12)), "serve", "--port", Integer.toString(port), "--state-dir",
        dir.resolve("other").toString());
    assertThat(taken.exit()).isEqualTo(ExitCodes.AWS);
    assertThat(taken.err()).contains("could not start", "127.0.0.1:" + port, "--port 0");

    // A run still going when serve stops is resumed by the next one, which says its world is gone.
    Result inFlight = cutover(exported, "start", "--input", plan.toString(), "--name", "serve-2");
    assertThat(inFlight.exit()).as(inFlight.toString()).isZero();
    first.close();
    assertThat(served.exit().get(30, TimeUnit.SECONDS)).isZero();

    // Restarted on the same directory: the same state machine, the run and its history, and time went on.
    second = new LocalDeploymentServer(12);
    LocalServer.Endpoints again = second.start(new LocalServer.Options(0, state));
    assertThat(again.stateMachineArn()).isEqualTo(machine);
    assertThat(again.notes()).anySatisfy(n -> assertThat(n).contains("1 run(s) from an earlier session resumed (serve-2)"))
        .noneSatisfy(n -> assertThat(n).contains("serve-1"));
    assertThat(second.deployment().world().admin().listObjectsV2(r -> r.bucket("legacy-web-assets")).keyCount())
        .as("the embedded S3 starts empty and blue is seeded again").isEqualTo(12);
    Map<String, String> exportedAgain = new HashMap<>(again.environment());
    exportedAgain.put("AWS_ENDPOINT_URL_SFN", again.stepFunctions().toString());
    exportedAgain.put("CUTOVER_STATE_MACHINE_ARN", again.stateMachineArn());
    Result watched = cutover(exportedAgain, "watch", "serve-1", "--events", "0");
    assertThat(watched.exit()).as(watched.toString()).isZero();
    assertThat(watched.out()).contains("Outcome    SUCCEEDED MIGRATED");
    assertThat(second.deployment().sfn().describeExecution(r -> r.executionArn(arn)).stopDate()).isEqualTo(ended);
    assertThat(Instant.now(second.deployment().edge().clock())).isAfter(ended);
  }

  @Test
  void serve_help_lists_its_options_and_says_what_is_kept_and_how_fast_time_runs() {
    Result r = run(environment(Map.of(), new LocalDeploymentServer()), "serve", "--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("--port", "--state-dir", "--help", "50 times the wall clock", "migrate.json",
        "Kept in --state-dir across restarts", "Not kept: the", "embedded S3's buckets", "Exit status");
  }

  @Test
  void the_command_finds_this_server_with_the_service_loader() {
    assertThat(CliEnvironment.system().localServer().get()).containsInstanceOf(LocalDeploymentServer.class);
  }

  // ------------------------------------------------------------------ helpers

  record Result(int exit, String out, String err) {}

  /** A serve command running on its own thread, its output line by line. */
  record Served(Future<Integer> exit, BlockingQueue<String> lines) {
    JsonNode firstLine() throws Exception {
      String line = lines.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      if (line == null) {
        throw new AssertionError("serve printed nothing in " + PATIENCE + (exit.isDone() ? "; it exited " + exit.get() : ""));
      }
      return JSON.readTree(line);
    }
  }

  private Served serve(LocalServer server, String... args) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Future<Integer> exit = serving.submit(() -> {
      var cli = Cutover.commandLine(environment(Map.of(), server));
      cli.setOut(new PrintWriter(new LineWriter(lines), true));
      StringWriter err = new StringWriter();
      cli.setErr(new PrintWriter(err, true));
      int code = cli.execute(args);
      if (code != 0) {
        lines.add("{\"exit\":" + code + ",\"err\":" + JSON.writeValueAsString(err.toString()) + "}");
      }
      return code;
    });
    return new Served(exit, lines);
  }

  /** {@code watch NAME --output json} until {@code done}, failing if the run ends first or it takes too long. */
  private JsonNode watchUntil(Map<String, String> env, String name, java.util.function.Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      Result r = cutover(env, "watch", name, "--output", "json", "--events", "0");
      JsonNode w = JSON.readTree(r.out());
      if (done.test(w)) {
        return w;
      }
      if (!"RUNNING".equals(w.path("status").asText()) || System.nanoTime() > deadline) {
        throw new AssertionError("the run did not get there: " + r);
      }
      Thread.sleep(500);
    }
  }

  private static Result cutover(Map<String, String> env, String... args) {
    return run(environment(env, null), args);
  }

  private static CliEnvironment environment(Map<String, String> variables, LocalServer server) {
    return new CliEnvironment(Map.copyOf(variables), Clock.systemUTC(), Sleeper.SYSTEM, false, Optional::empty,
        () -> Optional.ofNullable(server));
  }

  private static Result run(CliEnvironment environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Cutover.commandLine(environment);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  /** Hands each complete line written to it to a queue. */
  static final class LineWriter extends Writer {
    private final BlockingQueue<String> lines;
    private final StringBuilder pending = new StringBuilder();

    LineWriter(BlockingQueue<String> lines) {
      this.lines = lines;
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) {
      for (int i = off; i < off + len; i++) {
        if (buf[i] == '\n') {
          lines.add(pending.toString());
          pending.setLength(0);
        } else {
          pending.append(buf[i]);
        }
      }
    }

    @Override
    public void flush() throws IOException {}

    @Override
    public void close() {}
  }
}
