package dev.cutover.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.asl.definition.Definitions;
import dev.cutover.asl.definition.StateMachineDefinition;
import dev.cutover.asl.engine.Engine;
import dev.cutover.asl.engine.Execution;
import dev.cutover.asl.engine.ExecutionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * State transitions per second of the local ASL engine, in process, on the definitions under
 * {@code bench/definitions}; with {@code --peer}, side by side with what the peer
 * (aws-local-stepfunctions, measured by {@code bench/peer/run-peer.mjs} in the same run) did on
 * the same files, and the ratio.
 *
 * <pre>
 * EngineBench --definitions DIR [--warmup N] [--reps N] [--peer FILE] [--out FILE] NAME...
 * </pre>
 *
 * <p>A state transition is one state entered: one {@code <Type>StateEntered} event in the
 * execution's history, one {@code StateEntered} event in the peer's event log. A first, checking
 * run counts them and checks the execution succeeded; then {@code --warmup} untimed runs, then
 * {@code --reps} timed ones. Each run gets a new {@link Engine} (the engine keeps every execution
 * it started and schedules over all of them, so reusing one would measure that growth, not the
 * definition); its construction, the {@code start} and {@code runUntilIdle} are timed together.
 * Parsing the definition is not timed, as the peer's validation is not. Throughput is the
 * transitions of one run over the median time of the timed runs.
 */
public final class EngineBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:bench";
  private static final double GOAL = 5.0;

  private EngineBench() {}

  record Options(Path definitions, int warmup, int reps, Optional<Path> peer, Optional<Path> out, List<String> names) {}

  record Result(String name, long transitions, List<Double> timesMs, double medianMs, JsonNode output) {

    long transitionsPerSecond() {
      return Math.round(transitions / (medianMs / 1000.0));
    }
  }

  public static void main(String[] args) throws IOException {
    Options options;
    try {
      options = options(args);
    } catch (IllegalArgumentException e) {
      System.err.println("EngineBench: " + e.getMessage());
      System.err.println("usage: EngineBench --definitions DIR [--warmup N] [--reps N] [--peer FILE] [--out FILE] NAME...");
      System.exit(2);
      return;
    }
    Map<String, JsonNode> peer = new HashMap<>();
    String peerName = "peer";
    if (options.peer().isPresent()) {
      JsonNode document = JSON.readTree(options.peer().get().toFile());
      peerName = document.path("engine").asText("peer") + " " + document.path("version").asText() + " (" + document.path("runtime").asText() + ")";
      document.path("results").forEach(r -> peer.put(r.path("name").asText(), r));
    }

    List<Result> results = new ArrayList<>();
    for (String name : options.names()) {
      Result result = measure(options, name);
      results.add(result);
      JsonNode theirs = peer.get(name);
      if (theirs != null) {
        check(name, "state transitions", result.transitions(), theirs.path("transitions").asLong());
        check(name, "output", result.output(), theirs.path("output"));
      }
    }
    if (options.out().isPresent()) {
      JSON.writerWithDefaultPrettyPrinter().writeValue(options.out().get().toFile(), document(options, results));
    }
    System.out.print(table(results, peer, peerName, options));
  }

  static Options options(String[] args) {
    Path definitions = null;
    int warmup = 5;
    int reps = 10;
    Path peer = null;
    Path out = null;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.startsWith("--") && i + 1 >= args.length) {
        throw new IllegalArgumentException(arg + " needs a value");
      }
      switch (arg) {
        case "--definitions" -> definitions = Path.of(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--reps" -> reps = Integer.parseInt(args[++i]);
        case "--peer" -> peer = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> {
          if (arg.startsWith("--")) {
            throw new IllegalArgumentException("unknown option " + arg);
          }
          names.add(arg);
        }
      }
    }
    if (definitions == null || names.isEmpty()) {
      throw new IllegalArgumentException("--definitions and at least one NAME are required");
    }
    if (warmup < 0 || reps < 1) {
      throw new IllegalArgumentException("--warmup must be >= 0 and --reps >= 1");
    }
    return new Options(definitions, warmup, reps, Optional.ofNullable(peer), Optional.ofNullable(out), List.copyOf(names));
  }

  static Result measure(Options options, String name) throws IOException {
    StateMachineDefinition definition = Definitions.parse(Files.readString(options.definitions().resolve(name + ".asl.json")));
    JsonNode input = JSON.readTree(options.definitions().resolve(name + ".input.json").toFile());

    Execution checked = run(definition, input, name + "-check");
    long transitions = checked.history().stream().filter(e -> e.type().endsWith("StateEntered")).count();
    for (int i = 0; i < options.warmup(); i++) {
      run(definition, input, name + "-warmup-" + i);
    }
    List<Double> timesMs = new ArrayList<>();
    for (int i = 0; i < options.reps(); i++) {
      long start = System.nanoTime();
      run(definition, input, name + "-rep-" + i);
      timesMs.add((System.nanoTime() - start) / 1e6);
    }
    return new Result(name, transitions, List.copyOf(timesMs), median(timesMs), checked.output().orElseThrow());
  }

  /** One execution on a new engine, on the real clock (the bench definitions have no Wait state). */
  private static Execution run(StateMachineDefinition definition, JsonNode input, String executionName) {
    Engine engine = new Engine(Clock.systemUTC(), resource -> Optional.empty(), new Random(7), "us-east-1", "123456789012");
    Execution execution = engine.start(MACHINE, definition, executionName, input);
    engine.runUntilIdle();
    if (execution.status() != ExecutionStatus.SUCCEEDED) {
      throw new IllegalStateException("execution " + executionName + " ended " + execution.status()
          + ": " + execution.error().orElse("") + " " + execution.cause().orElse(""));
    }
    return execution;
  }

  private static void check(String name, String what, Object ours, Object theirs) {
    if (!ours.equals(theirs)) {
      throw new IllegalStateException(name + ": the engines disagree on the " + what + ": ours " + ours + ", peer " + theirs);
    }
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int mid = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
  }

  private static ObjectNode document(Options options, List<Result> results) {
    ObjectNode document = JSON.createObjectNode()
        .put("engine", "cutover-asl")
        .put("runtime", "java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")")
        .put("processors", Runtime.getRuntime().availableProcessors());
    ArrayNode list = document.putArray("results");
    for (Result r : results) {
      ObjectNode node = list.addObject()
          .put("name", r.name())
          .put("transitions", r.transitions())
          .put("warmup", options.warmup())
          .put("reps", options.reps());
      ArrayNode times = node.putArray("timesMs");
      r.timesMs().forEach(t -> times.add(Math.round(t * 1000) / 1000.0));
      node.put("medianMs", Math.round(r.medianMs() * 1000) / 1000.0)
          .put("transitionsPerSecond", r.transitionsPerSecond())
          .set("output", r.output());
    }
    return document;
  }

  static String table(List<Result> results, Map<String, JsonNode> peer, String peerName, Options options) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "ours: cutover-asl on java %s; peer: %s; %d processors; %d warm-up + %d timed runs each, median%n",
        Runtime.version(), peer.isEmpty() ? "not measured" : peerName, Runtime.getRuntime().availableProcessors(), options.warmup(), options.reps()));
    String format = "%-10s %12s %12s %16s %12s %16s %8s%n";
    out.append(String.format(Locale.ROOT, format, "definition", "transitions", "ours ms", "ours trans/s", "peer ms", "peer trans/s", "ratio"));
    boolean allMet = true;
    for (Result r : results) {
      JsonNode theirs = peer.get(r.name());
      String peerMs = "-";
      String peerRate = "-";
      String ratio = "-";
      if (theirs != null) {
        long theirRate = theirs.path("transitionsPerSecond").asLong();
        double value = (double) r.transitionsPerSecond() / theirRate;
        allMet &= value >= GOAL;
        peerMs = String.format(Locale.ROOT, "%.1f", theirs.path("medianMs").asDouble());
        peerRate = String.format(Locale.ROOT, "%,d", theirRate);
        ratio = String.format(Locale.ROOT, "%.1fx", value);
      }
      out.append(String.format(Locale.ROOT, format, r.name(), r.transitions(), String.format(Locale.ROOT, "%.1f", r.medianMs()),
          String.format(Locale.ROOT, "%,d", r.transitionsPerSecond()), peerMs, peerRate, ratio));
    }
    if (!peer.isEmpty()) {
      out.append(allMet
          ? String.format(Locale.ROOT, "goal (>= %.0fx the peer's throughput): met on every definition%n", GOAL)
          : String.format(Locale.ROOT, "goal (>= %.0fx the peer's throughput): NOT met on every definition%n", GOAL));
    }
    return out.toString();
  }
}
