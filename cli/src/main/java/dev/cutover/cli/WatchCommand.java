package dev.cutover.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * {@code cutover watch EXECUTION [--follow]}: where a run is (its current states, time elapsed),
 * how far it has come (backfill, verification, bake), its last events, and at the end how it
 * ended with what to do. With {@code --follow} it polls until the run ends, printing what is new.
 */
@Command(name = "watch", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Shows a run: its current state and time elapsed, progress (backfill tasks, objects verified, bake"
        + " health samples), whether it waits for approval, its last events, and when it has ended, the outcome and what to"
        + " do. With --follow, polls until the run ends and prints what changed.",
        "Exit status: 0 while running or when it went well, 1 when it failed, timed out, was stopped or rolled back."})
final class WatchCommand extends CutoverCommand {

  static final int MIN_INTERVAL = 1;
  static final int MAX_INTERVAL = 300;

  @Mixin
  ExecutionRef execution;

  @Option(names = {"-f", "--follow"}, description = "Poll until the run ends, printing new events and progress as they come.")
  boolean follow;

  @Option(names = "--events", paramLabel = "N", defaultValue = "10", description = "How many of the last events to show (0-1000). Default: ${DEFAULT-VALUE}.")
  int events;

  @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "10",
      description = "With --follow, seconds between polls (" + MIN_INTERVAL + "-" + MAX_INTERVAL + "). Default: ${DEFAULT-VALUE}.")
  int interval;

  @Override
  int run(AwsSession aws, Target target) throws Exception {
    if (events < 0 || events > 1000) {
      throw CliException.usage("BAD_OPTION", "--events must be between 0 and 1000, not " + events + ".");
    }
    if (interval < MIN_INTERVAL || interval > MAX_INTERVAL) {
      throw CliException.usage("BAD_OPTION", "--interval must be between " + MIN_INTERVAL + " and " + MAX_INTERVAL + " seconds, not " + interval + ".");
    }
    Target.ExecutionArn arn = target.execution(execution.value());
    SfnClient sfn = aws.sfn(aws.region(Optional.of(arn.region())));
    Run run = Run.read(sfn, arn.arn());
    print(run, run.lastEvents(events));
    if (follow) {
      long lastId = run.lastEventId();
      List<String> shown = Progress.of(run).lines(now());
      List<String> states = run.activeStates();
      while (run.running()) {
        environment().sleeper().sleep(Duration.ofSeconds(interval));
        run = Run.read(sfn, arn.arn());
        if (json()) {
          if (run.lastEventId() != lastId) {
            print(run, run.eventsAfter(lastId));
          }
        } else {
          List<String> progress = Progress.of(run).lines(now());
          printUpdate(run, run.eventsAfter(lastId), Objects.equals(states, run.activeStates()) ? null : run.activeStates(),
              progress.equals(shown) ? null : progress);
          shown = progress;
          states = run.activeStates();
        }
        lastId = run.lastEventId();
      }
      if (!json()) {
        printOutcome(run);
      }
    }
    return Outcome.of(run).map(Outcome::exitCode).orElse(ExitCodes.OK);
  }

  private Instant now() {
    return environment().clock().instant();
  }

  private void print(Run run, List<Run.Event> events) {
    if (json()) {
      printJson(toJson(run, events));
      return;
    }
    var out = out();
    out.println(label("Execution") + run.execution.executionArn());
    run.migration().ifPresent(m -> out.println(label("Migration") + m));
    out.println(label("Status") + bold(run.execution.statusAsString()) + ", " + Progress.human(elapsed(run)) + " elapsed (started "
        + run.execution.startDate() + ")");
    if (run.running()) {
      List<String> active = run.activeStates();
      out.println(label("Now in") + (active.isEmpty() ? "(between states)" : String.join(", ", active)));
    }
    printProgress(Progress.of(run).lines(now()));
    if (run.activeStates().contains("WaitForApproval")) {
      printApproval(run);
    }
    if (!events.isEmpty()) {
      out.println("Last events");
      events.forEach(e -> out.println("  " + line(e)));
    }
    if (!follow) {
      printOutcome(run);
    }
    out.flush();
  }

  private void printUpdate(Run run, List<Run.Event> events, List<String> states, List<String> progress) {
    var out = out();
    events.forEach(e -> out.println("  " + line(e)));
    if (states != null && run.running()) {
      out.println(label("Now in") + (states.isEmpty() ? "(between states)" : String.join(", ", states)));
      if (states.contains("WaitForApproval")) {
        printApproval(run);
      }
    }
    if (progress != null) {
      printProgress(progress);
    }
    out.flush();
  }

  private void printProgress(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      out().println(label(i == 0 ? "Progress" : "") + lines.get(i));
    }
  }

  private void printApproval(Run run) {
    String arn = run.execution.executionArn();
    out().println(label("Approval") + "waiting for a person: cutover approve " + arn);
    out().println(label("") + "                    or cutover reject " + arn + " --reason \"...\"");
  }

  private void printOutcome(Run run) {
    Optional<Outcome> outcome = Outcome.of(run);
    if (outcome.isEmpty()) {
      return;
    }
    Outcome o = outcome.get();
    out().println(label("Outcome") + bold(o.status() + " " + o.result()) + (o.cause() == null ? "" : ": " + o.cause()));
    out().println(label("What to do") + o.advice());
    out().flush();
  }

  private static String line(Run.Event e) {
    return e.timestamp() + "  " + String.format("%-24s", e.type()) + (e.state() == null ? "" : "  " + e.state())
        + (e.detail() == null ? "" : "  " + e.detail());
  }

  private Duration elapsed(Run run) {
    Instant end = run.execution.stopDate() != null ? run.execution.stopDate() : now();
    return Duration.between(run.execution.startDate(), end);
  }

  private ObjectNode toJson(Run run, List<Run.Event> events) {
    ObjectNode node = Run.JSON.createObjectNode()
        .put("executionArn", run.execution.executionArn())
        .put("name", run.execution.name())
        .put("status", run.execution.statusAsString())
        .put("startDate", run.execution.startDate().toString())
        .put("stopDate", run.execution.stopDate() == null ? null : run.execution.stopDate().toString())
        .put("elapsedSeconds", elapsed(run).toSeconds());
    node.put("migrationId", run.input().path("migrationId").asText(null)).put("mode", run.input().path("mode").asText(null));
    ArrayNode active = node.putArray("activeStates");
    run.activeStates().forEach(active::add);
    node.set("progress", Progress.of(run).toJson());
    ArrayNode list = node.putArray("events");
    events.forEach(e -> list.addObject().put("id", e.id()).put("timestamp", e.timestamp().toString()).put("type", e.type())
        .put("state", e.state()).put("detail", e.detail()));
    Outcome.of(run).ifPresent(o -> {
      ObjectNode n = node.putObject("outcome").put("status", o.status()).put("result", o.result()).put("cause", o.cause())
          .put("advice", o.advice()).put("exitCode", o.exitCode());
      if (o.output() != null && !o.output().isNull()) {
        n.set("output", o.output());
      }
    });
    return node;
  }
}
