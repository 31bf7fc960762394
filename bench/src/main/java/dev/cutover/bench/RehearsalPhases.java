package dev.cutover.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rehearsal's time, phase by phase, from two sources of moments:
 *
 * <ul>
 *   <li>its <b>progress lines</b>, stamped when they reach the bench (the run prints them on its own
 *       thread as things happen): the local world up, blue seeded, blue fingerprinted, traffic on,
 *       the end noticed, the final fingerprint begun;
 *   <li>the <b>execution's history</b> ({@link WorkflowHistory}: the engine's own event times,
 *       brought back to the wall clock) for the workflow's part: preflight, replication, backfill,
 *       validation, report, approval, cutover, bake.
 * </ul>
 *
 * <p>The run also prints a line when it sees a state entered ({@code > StartBackfill}), but those
 * are not used for the workflow's phases: the run's follow loop asks the local Step Functions
 * endpoint every 150 ms, and the endpoint answers only when the engine is idle (a Task runs inside
 * the engine's lock), so such a line can come seconds after the state began. They are the fallback
 * when the history could not be read, and the phase says so.
 *
 * <p>A phase starts at its moment and ends at the next phase's (the last at the run's end); a
 * moment that never came (a run that ended early) leaves its phase out, and its time falls to the
 * phase before, which {@link Phase#note} says.
 */
final class RehearsalPhases {

  private static final Pattern LINE = Pattern.compile("^\\[\\s*(\\d+(?:\\.\\d+)?)s\\] (.*)$");

  /**
   * One progress line.
   *
   * @param seconds when it reached the bench, since the run began
   * @param printed the run's own elapsed seconds, from the line's prefix (0.1 s resolution)
   * @param text the line after the prefix
   */
  record Line(double seconds, double printed, String text) {}

  /**
   * One phase.
   *
   * @param name what happens in it
   * @param from where its start was read: {@code line: ...} or {@code history: ...}
   * @param start seconds since the run began
   * @param seconds how long it lasted
   * @param cpuSeconds this JVM's CPU time in it (every thread: the S3 server, the engine, the steps,
   *     the traffic; 2 cores: at most twice {@code seconds})
   * @param systemCpuSeconds the part of {@code cpuSeconds} spent in the kernel
   * @param gcSeconds the collectors' time in it
   * @param note what else it holds, when a moment after it never came
   */
  record Phase(String name, String from, double start, double seconds, double cpuSeconds, double systemCpuSeconds, double gcSeconds, String note) {}

  /** A moment found: where it came from and when. */
  private record Moment(String from, double seconds) {}

  private RehearsalPhases() {}

  /** The line's text and printed seconds, if it has the run's prefix; {@code seconds} is its arrival. */
  static Optional<Line> parse(String line, double seconds) {
    Matcher m = LINE.matcher(line);
    return m.matches() ? Optional.of(new Line(seconds, Double.parseDouble(m.group(1)), m.group(2))) : Optional.empty();
  }

  /**
   * The phases of a run with no fault.
   *
   * @param lines the progress lines, in order
   * @param history the execution's events, if they could be read
   * @param end the run's whole wall time: the last phase ends there
   * @param cpuAt this JVM's CPU seconds at a moment (seconds since the run began)
   * @param systemCpuAt its kernel CPU seconds at a moment
   * @param gcAt the collectors' seconds at a moment
   */
  static List<Phase> of(List<Line> lines, Optional<WorkflowHistory> history, double end, DoubleUnaryOperator cpuAt, DoubleUnaryOperator systemCpuAt,
      DoubleUnaryOperator gcAt) {
    List<String> names = new ArrayList<>();
    List<Optional<Moment>> moments = new ArrayList<>();
    Finder find = new Finder(lines, history);
    names.add("start: embedded S3, edge, DNS, Step Functions endpoint");
    moments.add(Optional.of(new Moment("run start", 0)));
    names.add("seeding blue");
    moments.add(find.line(t -> t.startsWith("Up. ")));
    names.add("blue's fingerprint (before): every version read");
    moments.add(find.line(t -> t.startsWith("Taking blue's fingerprint")));
    names.add("warm-up requests (eight at a time), traffic on, execution started");
    moments.add(find.line(t -> t.startsWith("Users were here before the run")));
    names.add("preflight");
    moments.add(find.either(WorkflowHistory::executionStarted, t -> t.startsWith("Started arn:")));
    names.add("replication on");
    moments.add(find.either(h -> h.entered("EnableReplication"), t -> t.equals("> EnableReplication")));
    names.add("backfill: Batch Operations copy, polled");
    moments.add(find.either(h -> h.entered("StartBackfill"), t -> t.equals("> StartBackfill")));
    names.add("validate green: verify, checksums, log scan, parity, requested keys");
    moments.add(find.either(h -> h.entered("ValidateGreen"), t -> t.equals("> ValidateGreen")));
    names.add("report");
    moments.add(find.either(h -> h.entered("WriteReport"), t -> t.equals("> WriteReport")));
    names.add("approval: asked, seen by the run, approved");
    moments.add(find.either(h -> h.entered("WaitForApproval"), t -> t.startsWith("The workflow asks for approval")));
    names.add("cutover: DNS, alias moves, deploys");
    moments.add(find.either(h -> h.entered("CheckCutover"), t -> t.startsWith("Approved as")));
    names.add("bake: watching green");
    moments.add(find.either(h -> h.entered("StartBake"), t -> t.equals("> WatchGreen")));
    names.add("end of the execution, until the run sees it");
    moments.add(find.either(WorkflowHistory::executionEnded, t -> t.startsWith("The run ended")));
    names.add("traffic goes on 2 s");
    moments.add(find.line(t -> t.startsWith("The run ended")));
    names.add("blue's fingerprint (after), green counted, reports fetched");
    moments.add(find.line(t -> t.startsWith("Checking blue against its fingerprint")));
    names.add("summary printed, local world stopped, its files deleted");
    moments.add(find.line(t -> t.startsWith("Outcome:")));

    List<Integer> kept = new ArrayList<>();
    List<List<String>> holds = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (moments.get(i).isEmpty()) {
        missing.add(names.get(i));
        continue;
      }
      if (!holds.isEmpty()) {
        holds.getLast().addAll(missing);
      }
      missing.clear();
      kept.add(i);
      holds.add(new ArrayList<>());
    }
    List<Phase> phases = new ArrayList<>();
    for (int k = 0; k < kept.size(); k++) {
      Moment from = moments.get(kept.get(k)).orElseThrow();
      double to = k + 1 < kept.size() ? moments.get(kept.get(k + 1)).orElseThrow().seconds() : end;
      List<String> notes = new ArrayList<>();
      if (!holds.get(k).isEmpty()) {
        notes.add("also holds, never seen: " + String.join("; ", holds.get(k)));
      }
      if (k + 1 == kept.size() && !missing.isEmpty()) {
        notes.add("the run ended without: " + String.join("; ", missing));
      }
      if (to < from.seconds()) {
        notes.add("its end came before its start: the sources disagree by " + String.format(Locale.ROOT, "%.3f s", from.seconds() - to));
      }
      phases.add(new Phase(names.get(kept.get(k)), from.from(), from.seconds(), to - from.seconds(),
          cpuAt.applyAsDouble(to) - cpuAt.applyAsDouble(from.seconds()), systemCpuAt.applyAsDouble(to) - systemCpuAt.applyAsDouble(from.seconds()),
          gcAt.applyAsDouble(to) - gcAt.applyAsDouble(from.seconds()),
          String.join("; ", notes)));
    }
    return phases;
  }

  /** Finds each moment after the previous one found, so a phase never starts before the one before it. */
  private static final class Finder {
    private final List<Line> lines;
    private final Optional<WorkflowHistory> history;
    private int nextLine;

    Finder(List<Line> lines, Optional<WorkflowHistory> history) {
      this.lines = lines;
      this.history = history;
    }

    Optional<Moment> line(Predicate<String> text) {
      for (int i = nextLine; i < lines.size(); i++) {
        if (text.test(lines.get(i).text())) {
          nextLine = i + 1;
          return Optional.of(new Moment("line: " + lines.get(i).text(), lines.get(i).seconds()));
        }
      }
      return Optional.empty();
    }

    /** From the history when it was read, else from the progress line (late by up to the engine's busy time). */
    Optional<Moment> either(Function<WorkflowHistory, Optional<WorkflowHistory.Event>> event, Predicate<String> text) {
      if (history.isPresent()) {
        Optional<Moment> found = event.apply(history.get()).map(e -> new Moment("history: " + e.type() + (e.name() == null ? "" : " " + e.name()), e.seconds()));
        // Keep the line cursor in step, so the line-only moments after this one are looked for after it.
        found.ifPresent(m -> {
          while (nextLine < lines.size() && lines.get(nextLine).seconds() < m.seconds()) {
            nextLine++;
          }
        });
        return found;
      }
      return line(text).map(m -> new Moment(m.from() + " (progress line: late while the engine is busy)", m.seconds()));
    }
  }
}
