package dev.cutover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.local.rehearsal.RehearsalRun;
import dev.cutover.local.rehearsal.TrafficGenerator;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole rehearsal ({@link RehearsalRun}, what {@code cutover rehearse --auto-approve} runs) of
 * {@code --objects} objects under {@code --rate} requests/s, timed, against its peer measured on
 * the same machine in the same {@code bench/rehearse.sh} run: seeding the same objects and {@code
 * rclone copy} of them from blue to green ({@link CopyPeer}). Issue 7's goal: a 10 000-object
 * rehearsal within 60 s with no failed request.
 *
 * <pre>
 * RehearsalBench peer --objects N --seed S --rclone PATH --work DIR [--transfers N] [--checkers N] --out FILE
 * RehearsalBench rehearsal --objects N --rate R --speed X --seed S --reports DIR --peer FILE --out FILE --summary FILE
 * </pre>
 *
 * <p>Each mode runs in a JVM of its own (the script starts both), so neither inherits the other's
 * JIT, heap or threads. The rehearsal's progress lines are echoed to stderr as they come and
 * stamped on arrival; the execution's history is read from the local Step Functions endpoint
 * before the run closes it ({@link WorkflowHistory}); this JVM's CPU, kernel CPU and GC times are
 * sampled every 100 ms. {@link RehearsalPhases} cuts the run into phases from the lines and the
 * history. The rehearsal mode writes every figure of both sides to {@code --out} (JSON) and the
 * table to {@code --summary}, and exits 1 when the rehearsal did not end as expected (a problem,
 * a failed request): its time is then no measurement of a rehearsal.
 */
public final class RehearsalBench {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final double GOAL_SECONDS = 60;

  private RehearsalBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("peer") || args[0].equals("rehearsal"))) {
      usage();
    }
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        usage();
      }
      options.put(args[i].substring(2), args[++i]);
    }
    int objects = Integer.parseInt(options.getOrDefault("objects", "10000").replace("_", ""));
    long seed = Long.parseLong(options.getOrDefault("seed", "1"));
    Path out = Path.of(required(options, "out"));
    Files.createDirectories(out.toAbsolutePath().getParent());
    if (args[0].equals("peer")) {
      CopyPeer peer = new CopyPeer(Path.of(options.getOrDefault("rclone", "/usr/bin/rclone")), Path.of(required(options, "work")),
          Integer.parseInt(options.getOrDefault("transfers", "8")), Integer.parseInt(options.getOrDefault("checkers", "8")));
      String loadBefore = Jvm.loadAverage();
      CopyPeer.Result result = peer.run(objects, seed);
      ObjectNode node = JSON.valueToTree(result);
      node.put("seconds", result.seconds()).put("seed", seed).put("loadAverageBefore", loadBefore).put("loadAverageAfter", Jvm.loadAverage())
          .put("at", Instant.now().toString());
      JSON.writeValue(out.toFile(), node);
    } else {
      int rate = Integer.parseInt(options.getOrDefault("rate", "20"));
      double speed = Double.parseDouble(options.getOrDefault("speed", "50"));
      Path reports = Path.of(required(options, "reports"));
      JsonNode peer = JSON.readTree(Path.of(required(options, "peer")).toFile());
      ObjectNode document = rehearse(objects, rate, speed, seed, reports);
      document.set("peer", peer);
      double wall = document.path("rehearsal").path("wallSeconds").asDouble();
      double start = document.path("rehearsal").path("phases").path(0).path("seconds").asDouble();
      ObjectNode ratio = document.putObject("ratio");
      ratio.put("wallOverSeedAndCopy", wall / peer.path("seconds").asDouble());
      ratio.put("wallLessStartOverSeedAndCopy", (wall - start) / peer.path("seconds").asDouble());
      ratio.put("wallOverSeedCopyAndCheck", wall / (peer.path("seconds").asDouble() + peer.path("checkSeconds").asDouble()));
      JSON.writeValue(out.toFile(), document);
      String table = table(document);
      Files.writeString(Path.of(required(options, "summary")), table, StandardCharsets.UTF_8);
      if (!document.path("rehearsal").path("asExpected").asBoolean()) {
        System.err.println("RehearsalBench: the rehearsal did NOT end as expected: " + document.path("rehearsal").path("problems"));
        System.exit(1);
      }
    }
  }

  /** One rehearsal, timed; its figures, phases and progress lines. */
  private static ObjectNode rehearse(int objects, int rate, double speed, long seed, Path reports) throws InterruptedException {
    ObjectNode document = JSON.createObjectNode();
    document.put("at", Instant.now().toString());
    ObjectNode machine = document.putObject("machine");
    machine.put("cores", Runtime.getRuntime().availableProcessors()).put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20)
        .put("java", System.getProperty("java.vm.vendor") + " " + Runtime.version()).put("loadAverageBefore", Jvm.loadAverage());
    document.putObject("settings").put("objects", objects).put("requestsPerSecond", rate).put("speed", speed).put("seed", seed)
        .put("autoApprove", true).put("goalSeconds", GOAL_SECONDS);

    RehearsalRun.Options options = new RehearsalRun.Options(objects, rate, Optional.empty(), true, reports, speed, seed);
    Instant origin = Instant.now();
    long t0 = System.nanoTime();
    Samples samples = Samples.start(t0);
    ProgressLines progress = new ProgressLines(t0, origin, speed);
    RehearsalRun.Result result;
    try (PrintWriter out = new PrintWriter(progress, true)) {
      result = RehearsalRun.run(options, out, request -> RehearsalRun.Answer.approve());
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    samples.stop();
    Optional<WorkflowHistory> history = progress.history();
    machine.put("loadAverageAfter", Jvm.loadAverage());

    ObjectNode r = document.putObject("rehearsal");
    r.put("wallSeconds", wall);
    r.put("runWallSeconds", result.summary().wallTime().toMillis() / 1000.0);
    r.put("cpuSeconds", samples.cpuAt(wall)).put("systemCpuSeconds", samples.systemCpuAt(wall)).put("gcSeconds", samples.gcAt(wall));
    r.put("status", result.status()).put("error", result.error().orElse(null)).put("outcome", result.outcome());
    r.put("asExpected", result.asExpected());
    r.set("problems", JSON.valueToTree(result.problems()));
    Map<String, Long> served = result.summary().servedBy();
    r.set("servedBy", JSON.valueToTree(served));
    long answered = served.values().stream().mapToLong(Long::longValue).sum();
    r.put("requestsServed", answered);
    r.put("failedRequests", result.summary().failures().size());
    r.put("unexpectedFailedRequests", result.unexpectedFailures().size());
    ArrayNode failures = r.putArray("failures");
    for (TrafficGenerator.Failure f : result.summary().failures().subList(0, Math.min(50, result.summary().failures().size()))) {
      failures.addObject().put("at", f.at().toString()).put("key", f.key()).put("status", f.status()).put("why", f.why()).put("servedBy", f.servedBy());
    }
    int warmup = Math.min(400, Math.max(50, objects)); // RehearsalRun's requests before the run, sent one by one
    r.put("warmUpRequests", warmup);
    List<RehearsalPhases.Line> lines = progress.lines();
    Optional<RehearsalPhases.Line> trafficOn = lines.stream().filter(l -> l.text().startsWith("Users are on blue")).findFirst();
    Optional<RehearsalPhases.Line> trafficOff = lines.stream().filter(l -> l.text().startsWith("Checking blue against its fingerprint")).findFirst();
    if (trafficOn.isPresent() && trafficOff.isPresent()) {
      double window = trafficOff.get().seconds() - trafficOn.get().seconds();
      r.put("trafficSeconds", window);
      r.put("requestsPerSecondServed", (answered - warmup) / window);
    }
    r.put("objectsSeeded", result.summary().objectsSeeded()).put("objectsMigrated", result.summary().objectsMigrated())
        .put("objectsVerified", result.summary().objectsVerified()).put("mismatches", result.summary().mismatches());
    r.put("liveWrites", result.liveWrites()).put("liveWritesOnGreen", result.liveWritesOnGreen());
    r.put("blueUntouched", result.summary().blueUntouched().isEmpty());
    result.cutoverTime().ifPresent(d -> r.put("approvalToAllGreenSeconds", d.toMillis() / 1000.0));
    r.set("path", JSON.valueToTree(result.path()));
    ArrayNode phases = r.putArray("phases");
    for (RehearsalPhases.Phase phase : RehearsalPhases.of(lines, history, wall, samples::cpuAt, samples::systemCpuAt, samples::gcAt)) {
      phases.add(JSON.valueToTree(phase));
    }
    r.put("historyRead", history.isPresent());
    progress.historyError().ifPresent(e -> r.put("historyError", e));
    ArrayNode states = r.putArray("states");
    history.ifPresent(h -> h.states().forEach(state -> states.add(JSON.valueToTree(state))));
    ArrayNode events = r.putArray("events");
    history.ifPresent(h -> h.events().forEach(e -> events.add(JSON.valueToTree(e))));
    ArrayNode raw = r.putArray("lines");
    progress.raw().forEach(raw::add);
    r.put("reports", reports.toString());
    return document;
  }

  /** The table printed at the end. */
  static String table(JsonNode d) {
    JsonNode r = d.path("rehearsal");
    JsonNode p = d.path("peer");
    JsonNode s = d.path("settings");
    StringBuilder out = new StringBuilder();
    double wall = r.path("wallSeconds").asDouble();
    out.append(String.format(Locale.ROOT, "%nRehearsal of %,d objects under %d requests/s (workflow time x%s, seed %d), auto-approved%n",
        s.path("objects").asInt(), s.path("requestsPerSecond").asInt(), s.path("speed").asText(), s.path("seed").asLong()));
    out.append(String.format(Locale.ROOT, "  outcome      %s %s (%s); as expected: %s%n", r.path("status").asText(),
        r.path("error").isNull() ? "" : r.path("error").asText(), r.path("outcome").asText(), r.path("asExpected").asBoolean()));
    for (JsonNode problem : r.path("problems")) {
      out.append("    problem: ").append(problem.asText()).append('\n');
    }
    out.append(String.format(Locale.ROOT, "  wall time    %.1f s (goal <= %.0f s: %s); the run's own figure %.1f s (before it stops the local world)%n", wall,
        GOAL_SECONDS, wall <= GOAL_SECONDS ? "met" : "NOT met", r.path("runWallSeconds").asDouble()));
    out.append(String.format(Locale.ROOT, "  CPU          %.1f s (%.2f cores busy on average; %.1f s of it in the kernel), GC %.1f s%n", r.path("cpuSeconds").asDouble(),
        r.path("cpuSeconds").asDouble() / wall, r.path("systemCpuSeconds").asDouble(), r.path("gcSeconds").asDouble()));
    JsonNode served = r.path("servedBy");
    out.append(String.format(Locale.ROOT, "  requests     %d served (%d by blue, %d by green; %d of them before the run), %d failed (%d unexpected)",
        r.path("requestsServed").asLong(), served.path("blue").asLong(), served.path("green").asLong(), r.path("warmUpRequests").asLong(),
        r.path("failedRequests").asLong(), r.path("unexpectedFailedRequests").asLong()));
    if (r.has("requestsPerSecondServed")) {
      out.append(String.format(Locale.ROOT, "; %.1f requests/s over the %.1f s of traffic", r.path("requestsPerSecondServed").asDouble(),
          r.path("trafficSeconds").asDouble()));
    }
    out.append('\n');
    out.append(String.format(Locale.ROOT, "  objects      %d seeded, %d on green, %d verified, %d mismatched; %d live writes, %d on green; blue untouched: %s%n",
        r.path("objectsSeeded").asLong(), r.path("objectsMigrated").asLong(), r.path("objectsVerified").asLong(), r.path("mismatches").asLong(),
        r.path("liveWrites").asLong(), r.path("liveWritesOnGreen").asLong(), r.path("blueUntouched").asBoolean()));
    out.append(String.format(Locale.ROOT, "%n  %-66s %8s %8s %6s %8s %6s %6s %6s%n", "phase", "from s", "s", "share", "CPU s", "cores", "sys s", "GC s"));
    for (JsonNode phase : r.path("phases")) {
      double seconds = phase.path("seconds").asDouble();
      out.append(String.format(Locale.ROOT, "  %-66s %8.1f %8.1f %5.0f%% %8.1f %6.2f %6.1f %6.1f%n", phase.path("name").asText(), phase.path("start").asDouble(),
          seconds, 100 * seconds / wall, phase.path("cpuSeconds").asDouble(), seconds > 0 ? phase.path("cpuSeconds").asDouble() / seconds : 0,
          phase.path("systemCpuSeconds").asDouble(), phase.path("gcSeconds").asDouble()));
      if (!phase.path("note").asText().isEmpty()) {
        out.append("      (").append(phase.path("note").asText()).append(")\n");
      }
    }
    if (r.path("historyRead").asBoolean()) {
      out.append(String.format(Locale.ROOT, "%n  workflow states (the execution's history; 0.05 s or more in all)%n  %-34s %-9s %6s %8s %8s %8s%n", "state", "type",
          "visits", "from s", "s", "longest"));
      for (JsonNode state : r.path("states")) {
        if (state.path("seconds").asDouble() >= 0.05) {
          out.append(String.format(Locale.ROOT, "  %-34s %-9s %6d %8.1f %8.2f %8.2f%n", state.path("name").asText(), state.path("type").asText(),
              state.path("visits").asInt(), state.path("first").asDouble(), state.path("seconds").asDouble(), state.path("longest").asDouble()));
        }
      }
    } else {
      out.append("\n  (the execution's history could not be read: " + r.path("historyError").asText()
          + "; the workflow's phases come from the run's state lines, which are late while the engine runs a task)\n");
    }
    out.append(String.format(Locale.ROOT, "%nPeer: seed the same %,d objects (%.1f MB) into blue on a fresh LocalS3, then rclone copy blue -> green%n",
        p.path("objects").asInt(), p.path("bytes").asLong() / 1e6));
    out.append(String.format(Locale.ROOT, "  seeding      %.1f s%n", p.path("seedSeconds").asDouble()));
    out.append(String.format(Locale.ROOT, "  rclone copy  %.1f s (%s, --transfers %d --checkers %d; %d server-side copies)%n", p.path("copySeconds").asDouble(),
        p.path("rcloneVersion").asText(), p.path("transfers").asInt(), p.path("checkers").asInt(), p.path("serverSideCopies").asLong()));
    out.append(String.format(Locale.ROOT, "  together     %.1f s (the S3 server's start, %.1f s, not counted)%n", p.path("seconds").asDouble(),
        p.path("serverStartSeconds").asDouble()));
    out.append(String.format(Locale.ROOT, "  rclone check %.1f s afterwards (exit %d), not in the ratio%n", p.path("checkSeconds").asDouble(),
        p.path("checkExit").asInt()));
    JsonNode ratio = d.path("ratio");
    out.append(String.format(Locale.ROOT, "%nRatio: rehearsal wall time / (seed + rclone copy) = %.1f / %.1f = %.2fx%n", wall, p.path("seconds").asDouble(),
        ratio.path("wallOverSeedAndCopy").asDouble()));
    out.append(String.format(Locale.ROOT, "  without the rehearsal's start (the peer's server start is not counted either): %.2fx;"
        + " against seed + copy + rclone check: %.2fx%n", ratio.path("wallLessStartOverSeedAndCopy").asDouble(), ratio.path("wallOverSeedCopyAndCheck").asDouble()));
    out.append("  The rehearsal is the whole migration, verified, under traffic, with its waits at x" + s.path("speed").asText()
        + "; the peer an unverified copy with nobody watching.\n");
    out.append(String.format(Locale.ROOT, "load average (1, 5, 15 min): peer %s before, %s after; rehearsal %s before, %s after%n",
        p.path("loadAverageBefore").asText(), p.path("loadAverageAfter").asText(), d.path("machine").path("loadAverageBefore").asText(),
        d.path("machine").path("loadAverageAfter").asText()));
    return out.toString();
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      System.err.println("RehearsalBench: --" + name + " is required");
      usage();
    }
    return value;
  }

  private static void usage() {
    System.err.println("usage: RehearsalBench peer --objects N --seed S --rclone PATH --work DIR [--transfers N] [--checkers N] --out FILE");
    System.err.println("       RehearsalBench rehearsal --objects N --rate R --speed X --seed S --reports DIR --peer FILE --out FILE --summary FILE");
    System.exit(2);
  }

  /**
   * This JVM's CPU and GC times every 100 ms from the run's start, so a phase's share of them can
   * be read for any stretch of the run (linear between two samples).
   */
  private static final class Samples {
    private final long t0;
    private final List<double[]> samples = Collections.synchronizedList(new ArrayList<>()); // seconds, cpu, gc, system cpu
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bench-cpu-samples");
      t.setDaemon(true);
      return t;
    });
    private final double cpu0;
    private final double gc0;
    private final double sys0;

    private Samples(long t0) {
      this.t0 = t0;
      this.cpu0 = Jvm.cpuSeconds();
      this.gc0 = Jvm.gcSeconds();
      this.sys0 = Jvm.systemCpuSeconds();
      samples.add(new double[] {0, 0, 0, 0});
    }

    static Samples start(long t0) {
      Samples s = new Samples(t0);
      s.timer.scheduleAtFixedRate(s::sample, 100, 100, TimeUnit.MILLISECONDS);
      return s;
    }

    private void sample() {
      samples.add(new double[] {(System.nanoTime() - t0) / 1e9, Jvm.cpuSeconds() - cpu0, Jvm.gcSeconds() - gc0, Jvm.systemCpuSeconds() - sys0});
    }

    void stop() {
      timer.shutdownNow();
      sample();
    }

    double cpuAt(double seconds) {
      return at(seconds, 1);
    }

    double gcAt(double seconds) {
      return at(seconds, 2);
    }

    double systemCpuAt(double seconds) {
      return at(seconds, 3);
    }

    private double at(double seconds, int column) {
      List<double[]> all;
      synchronized (samples) {
        all = List.copyOf(samples);
      }
      double[] before = all.getFirst();
      for (double[] sample : all) {
        if (sample[0] >= seconds) {
          double span = sample[0] - before[0];
          return span <= 0 ? sample[column] : before[column] + (sample[column] - before[column]) * (seconds - before[0]) / span;
        }
        before = sample;
      }
      return before[column];
    }
  }

  /**
   * The rehearsal's progress: echoed to stderr line by line as it comes, each line kept with the
   * time it arrived. When the run says it ended (its traffic then goes on 2 s, the endpoint still
   * up), the execution's history is read on a thread of its own ({@link WorkflowHistory}), the
   * endpoint and the execution taken from the run's lines.
   */
  private static final class ProgressLines extends Writer {
    private static final Pattern ENDPOINT = Pattern.compile("Step Functions: (http://\\S+)");

    private final long t0;
    private final Instant origin;
    private final double speed;
    private final StringBuilder pending = new StringBuilder();
    private final List<RehearsalPhases.Line> lines = Collections.synchronizedList(new ArrayList<>());
    private final List<String> raw = Collections.synchronizedList(new ArrayList<>());
    private volatile String endpoint;
    private volatile String execution;
    private volatile CompletableFuture<WorkflowHistory> history;

    ProgressLines(long t0, Instant origin, double speed) {
      this.t0 = t0;
      this.origin = origin;
      this.speed = speed;
    }

    @Override
    public synchronized void write(char[] buffer, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        char c = buffer[i];
        if (c == '\n') {
          line(pending.toString());
          pending.setLength(0);
        } else if (c != '\r') {
          pending.append(c);
        }
      }
    }

    private void line(String line) {
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.err.println(line);
      raw.add(line);
      RehearsalPhases.parse(line, seconds).ifPresent(parsed -> {
        lines.add(parsed);
        String text = parsed.text();
        Matcher m = ENDPOINT.matcher(text);
        if (text.startsWith("Up. ") && m.find()) {
          endpoint = m.group(1);
        } else if (text.startsWith("Started arn:")) {
          execution = text.substring("Started ".length()).strip();
        } else if (text.startsWith("The run ended") && history == null && endpoint != null && execution != null) {
          String e = endpoint;
          String x = execution;
          history = CompletableFuture.supplyAsync(() -> WorkflowHistory.read(URI.create(e), x, origin, speed));
        }
      });
    }

    @Override
    public void flush() {
      System.err.flush();
    }

    @Override
    public void close() {}

    List<RehearsalPhases.Line> lines() {
      return List.copyOf(lines);
    }

    List<String> raw() {
      return List.copyOf(raw);
    }

    /** The execution's history, if it was read. */
    Optional<WorkflowHistory> history() {
      try {
        return history == null ? Optional.empty() : Optional.of(history.join());
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }

    /** Why the history was not read. */
    Optional<String> historyError() {
      if (history == null) {
        return Optional.of("the run never printed its endpoint, its execution and its end");
      }
      try {
        history.join();
        return Optional.empty();
      } catch (RuntimeException e) {
        return Optional.of(String.valueOf(e.getCause() == null ? e : e.getCause()));
      }
    }
  }
}
